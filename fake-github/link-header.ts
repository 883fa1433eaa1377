// GitHub's pagination `Link` header: `<url>; rel="prev", <url>; rel="next", <url>; rel="last",
// <url>; rel="first"`, keeping the request's query and setting `page` last. Absent when every item
// fits on one page. (GitHub itself sometimes links `/repositories/{id}/…`; the fake links the path
// that was asked for, which is what a client following Link needs.)
// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api

export function linkHeader(resourceUrl: string, query: URLSearchParams, page: number, lastPage: number): string | undefined {
  if (lastPage <= 1) return undefined;
  const urlFor = (target: number): string => {
    const params = new URLSearchParams(query);
    params.delete('page');
    params.append('page', String(target));
    return `<${resourceUrl}?${params.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${urlFor(page - 1)}; rel="prev"`);
  if (page < lastPage) links.push(`${urlFor(page + 1)}; rel="next"`, `${urlFor(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${urlFor(1)}; rel="first"`);
  return links.join(', ');
}
