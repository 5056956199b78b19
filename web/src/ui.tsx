import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery, type AnyVariables, type CombinedError, type TypedDocumentNode, type UseQueryArgs } from 'urql';
import { errorCode, retryAfter } from './client';

export type UserError = { field?: readonly string[] | null; message: string; code: string };

/** Splits userErrors into those of known fields (by path "a.b.c") and the rest. */
export function splitErrors(errors: readonly UserError[] | undefined, known: readonly string[]) {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors ?? []) {
    const path = (e.field ?? []).join('.');
    if (known.includes(path) && !byField[path]) byField[path] = e.message;
    else other.push(e.message);
  }
  return { byField, other };
}

export function fieldId(path: string) {
  return 'f-' + path.replace(/\./g, '-');
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted loading" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** The message for a request that failed (not a userError). */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: CombinedError | undefined) => {
    switch (errorCode(error)) {
      case undefined:
        return '';
      case 'NETWORK':
        return t('err.network');
      case 'RATE_LIMITED': {
        const s = retryAfter(error) ?? 60;
        const at = new Date(Date.now() + s * 1000).toLocaleTimeString(t('locale'), { hour: '2-digit', minute: '2-digit' });
        return t('err.rateLimited', { seconds: s, at });
      }
      case 'UNAUTHENTICATED':
        return t('err.unauthenticated');
      case 'FORBIDDEN':
        return t('err.forbidden');
      default:
        return t('err.generic');
    }
  };
}

export function ErrorState({ error, retry }: { error: CombinedError | undefined; retry?: () => void }) {
  const { t } = useTranslation();
  const msg = useErrorMessage()(error);
  if (!msg) return null;
  return (
    <div className="alert" role="alert">
      <p>{msg}</p>
      {retry && (
        <button type="button" className="secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function FormAlert({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="alert" role="alert">
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}

type FieldProps = {
  path: string;
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
};

/** A labelled control with its hint and its error (by field path) right under it. */
export function Field({ path, label, error, hint, children }: FieldProps) {
  const id = fieldId(path);
  const hintId = hint ? id + '-hint' : undefined;
  const errId = error ? id + '-error' : undefined;
  const described = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={'field' + (error ? ' has-error' : '')}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

// The first page of a visit keeps the browser's focus (the skip link comes first).
let firstPage = true;

/** Moves focus to the page's heading when the page (or step) changes, for screen readers and keyboards. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, [title]);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function formatDate(d: string | null | undefined) {
  if (!d) return '—';
  const [y, m, day] = d.slice(0, 10).split('-');
  return `${day}/${m}/${y}`;
}

export function formatDateTime(d: string, locale: string) {
  return new Date(d).toLocaleString(locale, { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
}

export function formatVND(amount: number, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND' }).format(amount);
}

export function formatMoney(amount: number, locale: string, free: string) {
  return amount === 0 ? free : formatVND(amount, locale);
}

/** The page size of the lists (My applications, the agency inbox). */
export const PAGE_SIZE = 50;

type Connection<N> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: readonly { node: N }[] };
type Page<N> = { data?: Connection<N> | null; error?: CombinedError };

/**
 * A list read a page at a time: the query's first page (useQuery) and the
 * pages "load more" fetched after it by pageInfo.endCursor, with the same
 * document (network-only). The later pages are dropped when the first page
 * changes (a refresh, other variables). After a load, the focus goes to the
 * first new row's link or button (attach rowsRef to the tbody). `<PagedTable
 * list={…} />` renders it all (states, table, `<LoadMore {...list.bar} />`).
 */
export function usePaged<D, V extends AnyVariables, N>(
  query: TypedDocumentNode<D, V>,
  variables: Omit<V, 'first' | 'after'>,
  pick: (data: D | undefined) => Connection<N> | null | undefined,
  { pause = false, pageSize = PAGE_SIZE }: { pause?: boolean; pageSize?: number } = {},
): Paged<N> {
  const client = useClient();
  const vars = { ...variables, first: pageSize } as unknown as V;
  const [res, reexecute] = useQuery({ query, variables: vars, pause } as UseQueryArgs<V, D>);
  const first = pick(res.data);
  const more = useMorePages(first, (after) =>
    client.query(query, { ...vars, after } as V, { requestPolicy: 'network-only' }).toPromise()
      .then((r) => ({ data: pick(r.data), error: r.error })),
  );
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const bar = { shown: more.edges.length, total: more.total, hasMore: more.hasMore, loading: more.loading, error: more.error, onMore: more.loadMore };
  return { res, first, refresh, edges: more.edges, rowsRef: more.rowsRef, bar };
}

/** What usePaged gives: the first page's state, every row loaded so far, and the "load more" bar's props. */
export type Paged<N> = {
  res: { fetching: boolean; data?: unknown; error?: CombinedError };
  first: Connection<N> | null | undefined;
  refresh: () => void;
  edges: readonly { node: N }[];
  rowsRef: RefObject<HTMLTableSectionElement | null>;
  bar: Parameters<typeof LoadMore>[0];
};

function useMorePages<N>(first: Connection<N> | null | undefined, fetchAfter: (after: string) => Promise<Page<N>>) {
  const [more, setMore] = useState<{ base?: Connection<N> | null; pages: Connection<N>[]; focus?: number }>({ pages: [] });
  const [error, setError] = useState<CombinedError>();
  const [loading, setLoading] = useState(false);
  const busy = useRef(false);
  const rowsRef = useRef<HTMLTableSectionElement>(null);
  const pages = more.base === first ? more.pages : [];
  const last = pages.length > 0 ? pages[pages.length - 1] : first;
  const edges = first ? [first, ...pages].flatMap((c) => c.edges) : [];
  useEffect(() => {
    if (more.focus === undefined) return;
    rowsRef.current?.rows[more.focus]?.querySelector<HTMLElement>('a, button')?.focus();
  }, [more.focus]);
  const loadMore = async () => {
    const after = last?.pageInfo.endCursor;
    if (!after || busy.current) return;
    busy.current = true;
    setLoading(true);
    const r = await fetchAfter(after);
    busy.current = false;
    setLoading(false);
    setError(r.error);
    if (r.data) setMore({ base: first, pages: [...pages, r.data], focus: edges.length });
  };
  return { edges, total: first?.totalCount ?? 0, hasMore: !!last?.pageInfo.hasNextPage, loadMore, loading, error, rowsRef };
}

/** "Showing N of M" and the "load more" button under a list. */
export function LoadMore({ shown, total, hasMore, loading, error, onMore, what = 'common.shown' }: { shown: number; total: number; hasMore: boolean; loading: boolean; error?: CombinedError; onMore: () => void; what?: string }) {
  const { t } = useTranslation();
  return (
    <div className="more">
      <p className="muted" role="status" data-testid="shown">{t(what, { shown, total })}</p>
      <ErrorState error={error} />
      {hasMore && (
        <button type="button" className="secondary" data-testid="load-more" aria-busy={loading} onClick={onMore}>
          {loading ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </div>
  );
}

/** A column of a PagedTable: its header and what a row shows in it. */
export type Column<N> = { header: string; cell: (node: N) => ReactNode };

/**
 * A list of usePaged as a table: loading, error (with retry) and empty states,
 * then the table (caption for screen readers, a header per column, the first
 * column as each row's header) and the "load more" bar under it.
 */
export function PagedTable<N extends { id: string }>({ list, caption, columns, empty, what, testId }: {
  list: Paged<N>;
  caption: string;
  columns: readonly Column<N>[];
  /** What an empty list says (a sentence, maybe with a link). */
  empty: ReactNode;
  /** The "Showing N of M …" key of LoadMore. */
  what?: string;
  testId?: string;
}) {
  const { res, first } = list;
  return (
    <>
      {res.fetching && !res.data && <Loading />}
      <ErrorState error={res.error} retry={list.refresh} />
      {first && first.edges.length === 0 && <Empty>{empty}</Empty>}
      {first && first.edges.length > 0 && (
        <>
          <div className="table-wrap">
            <table data-testid={testId}>
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr>
                  {columns.map((c, i) => <th key={i} scope="col">{c.header}</th>)}
                </tr>
              </thead>
              <tbody ref={list.rowsRef}>
                {list.edges.map(({ node }) => (
                  <tr key={node.id}>
                    {columns.map((c, i) => (i === 0 ? <th key={i} scope="row">{c.cell(node)}</th> : <td key={i}>{c.cell(node)}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore {...list.bar} what={what} />
        </>
      )}
    </>
  );
}

type Doc = { documentCode: string; role: string; fileName: string; contentType: string; size: number; downloadUrl: string };

/** The link on this portal's origin: /documents/ is served here whatever public base URL the server signs with. */
function sameOrigin(u: string) {
  try {
    const x = new URL(u, window.location.origin);
    return x.pathname.startsWith('/documents/') ? x.pathname + x.search : u;
  } catch {
    return u;
  }
}

/** An application's documents (dossier, then the agency's result) with their download links (signed, 5 minutes). */
export function Documents({ docs }: { docs: readonly Doc[] }) {
  const { t } = useTranslation();
  if (docs.length === 0) return null;
  return (
    <>
      <h2>{t('docs.title')}</h2>
      <ul className="docs" data-testid="documents">
        {docs.map((d, i) => (
          <li key={i} data-role={d.role} data-code={d.documentCode}>
            {d.role === 'RESULT' ? <strong>{t('docs.result')}: </strong> : <span>{d.documentCode}: </span>}
            <a href={sameOrigin(d.downloadUrl)} download={d.fileName}>{t('docs.download', { name: d.fileName })}</a>{' '}
            <span className="muted">({d.contentType}, {Math.ceil(d.size / 1024)} KiB)</span>
          </li>
        ))}
      </ul>
    </>
  );
}
