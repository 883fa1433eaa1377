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
  const wanted = mergeWindows(windows);
  if (wanted.length === 0) return undefined;
  let bestSize = 0;
  let bestCount = Number.POSITIVE_INFINITY;
  for (let perPage = maxPerPage; perPage >= 1; perPage--) {
    const count = countPages(wanted, perPage);
    if (count < bestCount) [bestSize, bestCount] = [perPage, count];
    if (bestCount === 1) break; // cannot do better than one call, and larger sizes come first
  }
  return { perPage: bestSize, pages: pagesFor(wanted, bestSize) };
}

/** Non-empty windows sorted and merged where they overlap or touch: page counts then need no set. */
function mergeWindows(windows: readonly ItemWindow[]): ItemWindow[] {
  const sorted = windows.filter((w) => w.count > 0).sort((a, b) => a.offset - b.offset);
  const merged: ItemWindow[] = [];
  for (const { offset, count } of sorted) {
    const last = merged.at(-1);
    if (last && offset <= last.offset + last.count) last.count = Math.max(last.count, offset + count - last.offset);
    else merged.push({ offset, count });
  }
  return merged;
}

/** Pages of size `perPage` that sorted, merged windows touch (a page shared by two windows counts once). */
function countPages(windows: readonly ItemWindow[], perPage: number): number {
  let count = 0;
  let lastPage = -1;
  for (const { offset, count: size } of windows) {
    const first = Math.max(Math.floor(offset / perPage), lastPage + 1);
    const last = Math.floor((offset + size - 1) / perPage);
    if (last >= first) count += last - first + 1;
    lastPage = Math.max(lastPage, last);
  }
  return count;
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
