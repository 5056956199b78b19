import { Fragment, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CancelPaymentDocument, MyPaymentsDocument, PaymentDetailDocument, RefreshPaymentDocument,
  type ObligationKind, type ObligationLineKind, type PaymentDetailQuery,
} from '../gql/graphql';
import { drafts } from '../session';
import { ErrorState, formatDateTime, formatVND, FormAlert, Loading, PagedTable, PageTitle, usePaged } from '../ui';
import { useRequireLogin } from '../App';

/** The idempotency attempt of "Pay": {key, input} in sessionStorage, reused for the same input until its payment ends. */
export const PAY_ATTEMPT = 'pay.attempt';
/** Payments this tab started: code → {id, draft (the checkout draft's key)}, for the return page. */
export const PAY_STARTED = 'pay.started';

/** The hub section an obligation kind is paid from (where "try again" goes back to). */
export function sectionOf(kind: string | undefined) {
  return kind === 'TAX' ? 'tax' : kind === 'ELECTRICITY_BILL' ? 'electricity' : kind === 'TRAFFIC_FINE' ? 'fines' : 'mine';
}

type Payment = Extract<NonNullable<PaymentDetailQuery['node']>, { items: unknown }>;
const isPayment = (n: PaymentDetailQuery['node'] | undefined): n is Payment => Boolean(n && 'items' in n);

/**
 * A line's label in the page's language, by its kind (the server's name is the agency's, in Vietnamese): a
 * PRINCIPAL line says what it is the principal of (the fine, the electricity, the tax…).
 */
export function lineLabel(t: (k: string) => string, kind: ObligationLineKind, of: ObligationKind | undefined) {
  return kind === 'PRINCIPAL' && of ? t(`payLine.principalOf.${of}`) : t(`payLine.${kind}`);
}

export function PaymentBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge p-${status}`}>{t(`payStatus.${status}`)}</span>;
}

/** How long the return page keeps asking before it says "check later". */
const POLL_MS = 1500;
const POLL_FOR_MS = 90_000;
/** After this long unfinished, the page also asks the provider (refreshPayment) now and then. */
const REFRESH_AFTER_MS = 6000;
const REFRESH_EVERY_MS = 10_000;

/** /pay/return?payment=CODE: where the provider sends the browser back. Polls the payment until it is finished. */
export function PayReturn() {
  const loggedIn = useRequireLogin();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('payment') ?? '';
  const started = drafts.load<Record<string, { id: string; draft: string }>>(PAY_STARTED) ?? {};
  const known = started[code]?.id;
  // A payment this tab did not start (another tab, a bookmark): found among the citizen's latest payments.
  const [list] = useQuery({ query: MyPaymentsDocument, variables: { first: 20 }, pause: !loggedIn || Boolean(known) || !code });
  const id = known ?? list.data?.viewer?.payments.edges.find((e) => e.node.code === code)?.node.id;
  if (!loggedIn) return null;
  if (!code) return <NoPayment />;
  if (!id) {
    if (list.fetching || !list.data) return <Loading />;
    return <NoPayment />;
  }
  return <PaymentView id={id} poll title={t('payResult.title')} />;
}

function NoPayment() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('payResult.notFound')}>{t('payResult.notFound')}</PageTitle>
      <p><Link to="/pay/payments">{t('pay.section.payments')}</Link></p>
    </>
  );
}

/** /pay/payments/:id: one payment with its receipts. */
export function PaymentPage() {
  const loggedIn = useRequireLogin();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  if (!loggedIn) return null;
  return <PaymentView id={id} title={t('payResult.detail')} />;
}

/** A payment: while unfinished, asked again every POLL_MS (and the provider now and then); then the confirmation or what went wrong. */
function PaymentView({ id, poll = false, title }: { id: string; poll?: boolean; title: string }) {
  const { t } = useTranslation();
  const locale = t('locale');
  const navigate = useNavigate();
  const [res, reexecute] = useQuery({ query: PaymentDetailDocument, variables: { id }, requestPolicy: 'network-only' });
  const [, refresh] = useMutation(RefreshPaymentDocument);
  const [cancelRes, cancel] = useMutation(CancelPaymentDocument);
  const [cancelErrors, setCancelErrors] = useState<string[]>([]);
  const [gaveUp, setGaveUp] = useState(false);
  const since = useRef(Date.now());
  const lastRefresh = useRef(0);
  const p = isPayment(res.data?.node) ? res.data.node : null;
  const finished = p?.finished ?? false;
  const failed = p && ['FAILED', 'CANCELLED', 'EXPIRED'].includes(p.status);

  useEffect(() => {
    if (!poll || !p || finished || gaveUp) return;
    const timer = setTimeout(() => {
      const now = Date.now();
      if (now - since.current > POLL_FOR_MS) {
        setGaveUp(true);
        return;
      }
      if (now - since.current > REFRESH_AFTER_MS && now - lastRefresh.current > REFRESH_EVERY_MS) {
        lastRefresh.current = now;
        void refresh({ input: { paymentId: id } }); // rate limited: a refusal only means "not now"
      }
      reexecute({ requestPolicy: 'network-only' });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [poll, p, finished, gaveUp, id, refresh, reexecute]);

  // Once finished, this attempt's key is spent: the next click on "Pay" is a new attempt.
  const started = drafts.load<Record<string, { id: string; draft: string }>>(PAY_STARTED) ?? {};
  const draftKey = p ? started[p.code]?.draft : undefined;
  useEffect(() => {
    if (!finished || !p) return;
    drafts.clear(PAY_ATTEMPT);
    if (p.status === 'SUCCEEDED' && draftKey) drafts.clear(draftKey + '.checkout');
  }, [finished, p, draftKey]);

  if (res.fetching && !res.data) return <Loading />;
  if (res.error && !p) return <ErrorState error={res.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!p) return <NoPayment />;
  const section = sectionOf(p.items[0]?.obligation.kind);
  const onCancel = async () => {
    const r = await cancel({ input: { paymentId: p.id } });
    setCancelErrors(r.data?.cancelPayment.userErrors.map((e) => e.message) ?? []);
    reexecute({ requestPolicy: 'network-only' });
  };
  const confirmation = p.receipts.find((r) => r.kind === 'CONFIRMATION');
  const agencyReceipts = p.receipts.filter((r) => r.kind === 'AGENCY');
  const heading = p.status === 'SUCCEEDED' ? t('payResult.paid') : failed ? t(`payResult.h.${p.status}`) : title;
  return (
    <>
      <p className="crumbs no-print">
        <Link to="/pay">{t('pay.title')}</Link> › <Link to="/pay/payments">{t('pay.section.payments')}</Link>
      </p>
      <PageTitle title={heading}>{heading}</PageTitle>
      <div role="status" aria-live="polite" data-testid="pay-status" data-status={p.status} className={p.status === 'SUCCEEDED' ? 'success' : failed ? 'alert' : 'waiting'}>
        <p>
          <PaymentBadge status={p.status} /> {t(`payResult.say.${p.status}`)}
        </p>
        {!finished && poll && !gaveUp && <p className="muted">{t('payResult.checking')}</p>}
        {gaveUp && !finished && <p>{t('payResult.later')}</p>}
      </div>
      <FormAlert messages={cancelErrors} />
      <ErrorState error={cancelRes.error} />
      {failed && (
        <p className="no-print">
          <button type="button" className="primary" data-testid="try-again" onClick={() => navigate(`/pay/${section}`)}>
            {t('payResult.tryAgain')}
          </button>
        </p>
      )}
      {!finished && (p.status === 'CREATED' || p.status === 'STARTED') && (
        <p className="no-print">
          <button type="button" className="secondary" data-testid="cancel-payment" onClick={onCancel} disabled={cancelRes.fetching}>{t('payResult.cancel')}</button>
        </p>
      )}
      <section className={'confirmation' + (p.status === 'SUCCEEDED' ? ' printable' : '')} aria-labelledby="conf-h">
        <h2 id="conf-h">{p.status === 'SUCCEEDED' ? t('payResult.confirmation') : t('payResult.payment')}</h2>
        <dl className="summary">
          <dt>{t('payResult.code')}</dt>
          <dd data-testid="payment-code">{p.code}</dd>
          <dt>{t('pay.amount')}</dt>
          <dd data-testid="payment-amount">{formatVND(p.amount.amount, locale)}</dd>
          <dt>{t('payResult.createdAt')}</dt>
          <dd>{formatDateTime(p.createdAt, locale)}</dd>
          {p.paidAt && (
            <>
              <dt>{t('payResult.paidAt')}</dt>
              <dd>{formatDateTime(p.paidAt, locale)}</dd>
            </>
          )}
          <dt>{t('pay.provider')}</dt>
          <dd>{p.provider}</dd>
          {p.delivery && (
            <>
              <dt>{t('payResult.papers')}</dt>
              <dd data-testid="papers-delivery" data-method={p.delivery.method}>
                {p.delivery.method === 'POSTAL'
                  ? t('payResult.papersBy.POSTAL', { address: p.delivery.address ?? '' })
                  : t('payResult.papersBy.COUNTER')}
              </dd>
            </>
          )}
          {confirmation && (
            <>
              <dt>{t('payResult.receiptNumber')}</dt>
              <dd data-testid="receipt-number">{confirmation.number}</dd>
              <dt>{t('payResult.verifyCode')}</dt>
              <dd data-testid="verify-code"><strong>{confirmation.verifyCode}</strong></dd>
            </>
          )}
          {agencyReceipts.map((r) => (
            <Fragment key={r.number}>
              <dt>{t('payResult.agencyReceipt', { issuer: r.issuer })}</dt>
              <dd data-testid="agency-receipt">{r.number}</dd>
            </Fragment>
          ))}
        </dl>
        <PaidItems items={p.items} total={p.amount.amount} locale={locale} testId="payment-items"
          caption={p.status === 'SUCCEEDED' ? t('payResult.items') : t('payResult.itemsOf')} />
        {confirmation && (
          <p className="muted">
            {t('payResult.verifyAt', { url: `${window.location.origin}/verify-receipt` })}
          </p>
        )}
      </section>
      {p.status === 'SUCCEEDED' && (
        <p className="no-print row">
          <button type="button" className="secondary" data-testid="print" onClick={() => window.print()}>{t('payResult.print')}</button>
          <Link to="/pay/payments">{t('pay.section.payments')}</Link>
          <Link to="/pay">{t('payResult.payMore')}</Link>
        </p>
      )}
      {p.events.length > 0 && (
        <details className="no-print">
          <summary>{t('payResult.events')}</summary>
          <ol className="history">
            {p.events.map((e, i) => (
              <li key={i}>
                <span className="muted">{formatDateTime(e.at, locale)}</span> · <PaymentBadge status={e.status} /> · {t(`paySource.${e.source}`)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

/** An item as the server priced it: a payment's (locked at creation) or the checkout's quote. */
export type PricedItem = {
  obligation: { id: string; kind: ObligationKind; sourceRef: string; description: string };
  lines: readonly { kind: ObligationLineKind; amount: { amount: number } }[];
  amount: { amount: number };
};

/**
 * What a payment is for, as the server priced it (when the payment was made, or the quote before paying): each
 * item (reference, description) with its lines (a fine and its late charge, postage for papers sent back…)
 * labelled by kind, the item's amount when it has several lines, and the total.
 */
export function PaidItems({ items, total, locale, caption, testId }: {
  items: readonly PricedItem[]; total: number; locale: string; caption: string; testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="paid-items" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payResult.line')}</th>
            <th scope="col" className="num">{t('pay.amount')}</th>
          </tr>
        </thead>
        {items.map((it) => (
          <tbody key={it.obligation.id} data-ref={it.obligation.sourceRef}>
            <tr className="item">
              <th scope="rowgroup" colSpan={2}>
                <strong>{it.obligation.sourceRef}</strong> — {it.obligation.description}
              </th>
            </tr>
            {it.lines.map((l, i) => (
              <tr key={i} data-kind={l.kind}>
                <th scope="row">{lineLabel(t, l.kind, it.obligation.kind)}</th>
                <td className="num">{formatVND(l.amount.amount, locale)}</td>
              </tr>
            ))}
            {it.lines.length !== 1 && (
              <tr className="subtotal">
                <th scope="row">{t('payResult.itemTotal')}</th>
                <td className="num" data-testid="item-amount">{formatVND(it.amount.amount, locale)}</td>
              </tr>
            )}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row">{t('pay.total')}</th>
            <td className="num" data-testid="items-total">{formatVND(total, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The citizen's payments, newest first, 20 at a time, each with its receipts. */
export function MyPayments() {
  const { t } = useTranslation();
  const locale = t('locale');
  const list = usePaged(MyPaymentsDocument, {}, (d) => d?.viewer?.payments, { pageSize: 20 });
  return (
    <PagedTable list={list} caption={t('pay.section.payments')} what="payResult.shown" testId="payments"
      empty={<>{t('payResult.none')} <Link to="/pay">{t('pay.title')}</Link></>} columns={[
        { header: t('payResult.code'), cell: (p) => <Link to={`/pay/payments/${encodeURIComponent(p.id)}`}>{p.code}</Link> },
        { header: t('payResult.createdAt'), cell: (p) => formatDateTime(p.createdAt, locale) },
        { header: t('pay.what'), cell: (p) => p.items.map((i) => i.obligation.sourceRef).join(', ') },
        { header: t('pay.amount'), cell: (p) => formatVND(p.amount.amount, locale) },
        { header: t('apps.status'), cell: (p) => <PaymentBadge status={p.status} /> },
      ]} />
  );
}
