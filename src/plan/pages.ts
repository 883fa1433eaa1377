/**
 * Pure planning of REST pages for item windows. GitHub pages are fixed grids: page p (1-based) of size
 * s holds items [(p-1)s, ps). A window [offset, offset+count) needs every page it touches, so the plan is
 * the page size s ≤ 100 whose grid touches the fewest pages across all requested windows.
 */
export const MAX_PER_PAGE = 100;

export interface ItemWindow {
  offset: number;
  count: number;
}

export interface PagePlan {
  perPage: number;
  /** 1-based REST page numbers, ascending. */
  pages: number[];
}

/**
 * Fewest calls first. Among plans with as many calls we prefer the LARGEST page size, and so
 * per_page=100 whenever it is among the cheapest: those are the canonical pages that other windows,
 * other requests and the conditional-request cache reuse (a 304 costs no rate limit, a second
 * differently-sized page does), and a larger page also primes more jobs for by-id lookups. The price is
 * bytes: up to 99 jobs more than asked, one response, no extra call.
 */
export function planPages(windows: readonly ItemWindow[], maxPerPage = MAX_PER_PAGE): PagePlan | undefined {
  const wanted = windows.filter((w) => w.count > 0);
  if (wanted.length === 0) return undefined;
  let best: PagePlan | undefined;
  for (let perPage = maxPerPage; perPage >= 1; perPage--) {
    const pages = pagesFor(wanted, perPage);
    if (!best || pages.length < best.pages.length) best = { perPage, pages };
    if (best.pages.length === 1) break; // cannot do better than one call, and larger sizes come first
  }
  return best;
}

function pagesFor(windows: readonly ItemWindow[], perPage: number): number[] {
  const pages = new Set<number>();
  for (const { offset, count } of windows) {
    const first = Math.floor(offset / perPage);
    const last = Math.floor((offset + count - 1) / perPage);
    for (let page = first; page <= last; page++) pages.add(page + 1);
  }
  return [...pages].sort((a, b) => a - b);
}

/** The item offsets a page covers. */
export function pageRange(perPage: number, page: number): ItemWindow {
  return { offset: (page - 1) * perPage, count: perPage };
}
