import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreatePaymentDocument, FindObligationsDocument, MyObligationsDocument, PaymentProvidersDocument, PaymentQuoteDocument,
  type FindObligationsInput, type ObligationFieldsFragment, type ObligationKind,
} from '../gql/graphql';
import { DELIVERY_FIELDS, DeliveryFields, deliveryInput, emptyDelivery, type DeliveryDraft } from '../Delivery';
import { drafts, session } from '../session';
import { Empty, ErrorState, Field, formatDate, formatDateTime, formatVND, FormAlert, Loading, PageTitle, splitErrors, type UserError } from '../ui';
import { useRequireLogin } from '../App';
import { newKey } from './Reissue';
import { lineLabel, MyPayments, PaidItems, PAY_ATTEMPT, PAY_STARTED } from './PayResult';
import { PAY_SECTION } from './Service';

/** The hub's sections, by URL segment. */
export const SECTIONS = ['tax', 'electricity', 'fines', 'mine', 'payments'] as const;
type Section = (typeof SECTIONS)[number];
/** The kind of obligation each section pays: the inverse of PAY_SECTION (which routes the catalogue's "Pay" here). */
const KIND_OF = Object.fromEntries(Object.entries(PAY_SECTION).map(([k, s]) => [s, k])) as Partial<Record<Section, ObligationKind>>;


// ---- identifier checks: the server's rules (internal/obligation/identifiers.go), never stricter ----

/** A 10-digit MST's check digit (weights 31 29 23 19 17 13 7 5 3); a remainder the server may read either way is left to it. */
function mstOK(s: string) {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = w.reduce((n, wi, i) => n + wi * Number(s[i]), 0);
  const c = 10 - (sum % 11);
  return c >= 10 || c === Number(s[9]);
}
export function taxCodeProblem(v: string): 'required' | 'invalid' | '' {
  const s = v.trim();
  if (!s) return 'required';
  if (/^\d{10}$/.test(s)) return mstOK(s) ? '' : 'invalid';
  if (/^\d{10}-\d{3}$/.test(s)) return mstOK(s.slice(0, 10)) ? '' : 'invalid';
  if (/^\d{12}$/.test(s)) return '';
  return 'invalid';
}
/** An EVN customer code as the server reads it: upper case, no spaces. */
export const normCustomerCode = (v: string) => v.toUpperCase().replace(/\s+/g, '');
const normPlate = (v: string) => v.toUpperCase().replace(/[\s.-]/g, '');

type Lookup = { taxCode: string; customerCode: string; decisionNumber: string; plateNumber: string; violatorIdNumber: string; by: 'plate' | 'id' };
const emptyLookup: Lookup = { taxCode: '', customerCode: '', decisionNumber: '', plateNumber: '', violatorIdNumber: '', by: 'plate' };

/** Client-side checks of a lookup (the same fields and codes the server answers with). */
function checkLookup(kind: ObligationKind, l: Lookup, t: (k: string) => string): { input?: FindObligationsInput; errors: UserError[] } {
  const errors: UserError[] = [];
  const req = (f: string) => errors.push({ field: [f], message: t('form.required'), code: 'REQUIRED' });
  const bad = (f: string, m: string) => errors.push({ field: [f], message: t(m), code: 'INVALID' });
  if (kind === 'TAX') {
    const p = taxCodeProblem(l.taxCode);
    if (p === 'required') req('taxCode');
    else if (p) bad('taxCode', 'pay.taxCodeInvalid');
    return { errors, input: errors.length ? undefined : { kind, taxCode: l.taxCode.trim() } };
  }
  if (kind === 'ELECTRICITY_BILL') {
    const c = normCustomerCode(l.customerCode);
    if (!c) req('customerCode');
    else if (!/^P[A-Z][A-Z0-9]{11}$/.test(c)) bad('customerCode', 'pay.customerCodeInvalid');
    return { errors, input: errors.length ? undefined : { kind, customerCode: c } };
  }
  const d = l.decisionNumber.trim();
  if (!d) req('decisionNumber');
  else if (d.replace(/\s+/g, '').length > 50) bad('decisionNumber', 'pay.decisionInvalid');
  if (l.by === 'plate') {
    const p = normPlate(l.plateNumber);
    if (!p) req('plateNumber');
    else if (!/^\d{2}[A-Z0-9]{4,8}$/.test(p)) bad('plateNumber', 'pay.plateInvalid');
    return { errors, input: errors.length ? undefined : { kind, decisionNumber: d, plateNumber: p } };
  }
  const id = l.violatorIdNumber.trim();
  if (!id) req('violatorIdNumber');
  else if (!/^\d{12}$/.test(id)) bad('violatorIdNumber', 'pay.idInvalid');
  return { errors, input: errors.length ? undefined : { kind, decisionNumber: d, violatorIdNumber: id } };
}

/** A userError's path without the argument name ("input.taxCode" and "taxCode" alike). */
const bare = (errs: readonly UserError[]) => errs.map((e) => ({ ...e, field: (e.field ?? []).filter((p, i) => !(i === 0 && p === 'input')) }));

// ---- the hub ----

/** The "Pay" hub: tax, electricity, fines, my payables, my payments. */
export default function PayHub() {
  const loggedIn = useRequireLogin();
  const { section = '' } = useParams();
  const { t } = useTranslation();
  if (!loggedIn) return null;
  const s = (SECTIONS as readonly string[]).includes(section) ? (section as Section) : null;
  const title = s ? t(`pay.section.${s}`) : t('pay.title');
  return (
    <>
      <p className="crumbs">
        <Link to="/">{t('nav.home')}</Link> › <Link to="/pay">{t('pay.title')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <nav className="tabs" aria-label={t('pay.sections')}>
        <ul>
          {SECTIONS.map((x) => (
            <li key={x}>
              <NavLink to={`/pay/${x}`}>{t(`pay.section.${x}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {!s && <HubIntro />}
      {s && KIND_OF[s] && <PayObligations key={s} kind={KIND_OF[s]!} />}
      {s === 'mine' && <MyPayables />}
      {s === 'payments' && <MyPayments />}
    </>
  );
}

function HubIntro() {
  const { t } = useTranslation();
  return (
    <ul className="cards">
      {SECTIONS.map((x) => (
        <li key={x} className="card">
          <Link to={`/pay/${x}`}>{t(`pay.section.${x}`)}</Link>
          <p>{t(`pay.about.${x}`)}</p>
        </li>
      ))}
      <li className="card">
        <Link to="/verify-receipt">{t('verify.title')}</Link>
        <p>{t('verify.about')}</p>
      </li>
    </ul>
  );
}

// ---- lookup → obligations → payer → provider → pay ----

type PayDraft = { lookup: Lookup; searched: FindObligationsInput | null };

function PayObligations({ kind }: { kind: ObligationKind }) {
  const { t } = useTranslation();
  const key = 'pay.' + kind;
  const [d, setD] = useState<PayDraft>(() => ({ lookup: emptyLookup, searched: null, ...drafts.load<PayDraft>(key) }));
  const [local, setLocal] = useState<UserError[]>([]);
  useEffect(() => drafts.save(key, d), [key, d]);
  const [res, refetch] = useQuery({
    query: FindObligationsDocument, variables: { input: d.searched ?? { kind } }, pause: !d.searched, requestPolicy: 'network-only',
  });
  const server = bare(res.data?.findObligations.userErrors ?? []);
  const fields = ['taxCode', 'customerCode', 'decisionNumber', 'plateNumber', 'violatorIdNumber'];
  const { byField, other } = splitErrors(local.length ? local : server, fields);
  const l = d.lookup;
  const set = (patch: Partial<Lookup>) => setD((cur) => ({ ...cur, lookup: { ...cur.lookup, ...patch } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = checkLookup(kind, l, t);
    setLocal(c.errors);
    if (c.input) {
      if (JSON.stringify(c.input) === JSON.stringify(d.searched)) refetch({ requestPolicy: 'network-only' });
      else setD((cur) => ({ ...cur, searched: c.input! }));
    }
  };
  const found = res.data?.findObligations.obligations;
  return (
    <>
      <p className="muted">{t(`pay.intro.${kind}`)}</p>
      <form className="form" noValidate onSubmit={submit} aria-label={t('pay.lookup')}>
        <FormAlert messages={other} />
        {kind === 'TAX' && (
          <Field path="taxCode" label={t('pay.taxCode')} hint={t('pay.taxCodeHint')} error={byField.taxCode}>
            {(p) => <input {...p} inputMode="numeric" maxLength={20} autoComplete="off" value={l.taxCode} onChange={(e) => set({ taxCode: e.target.value })} />}
          </Field>
        )}
        {kind === 'ELECTRICITY_BILL' && (
          <Field path="customerCode" label={t('pay.customerCode')} hint={t('pay.customerCodeHint')} error={byField.customerCode}>
            {(p) => <input {...p} maxLength={20} autoComplete="off" autoCapitalize="characters" value={l.customerCode} onChange={(e) => set({ customerCode: e.target.value })} />}
          </Field>
        )}
        {kind === 'TRAFFIC_FINE' && (
          <>
            <Field path="decisionNumber" label={t('pay.decisionNumber')} hint={t('pay.decisionHint')} error={byField.decisionNumber}>
              {(p) => <input {...p} maxLength={60} autoComplete="off" value={l.decisionNumber} onChange={(e) => set({ decisionNumber: e.target.value })} />}
            </Field>
            <fieldset>
              <legend>{t('pay.secondFactor')}</legend>
              {(['plate', 'id'] as const).map((b) => (
                <label key={b} className="choice">
                  <input type="radio" name="by" value={b} checked={l.by === b} onChange={() => set({ by: b })} />
                  {t(`pay.by.${b}`)}
                </label>
              ))}
            </fieldset>
            {l.by === 'plate' ? (
              <Field path="plateNumber" label={t('pay.plateNumber')} hint={t('pay.plateHint')} error={byField.plateNumber}>
                {(p) => <input {...p} maxLength={20} autoComplete="off" value={l.plateNumber} onChange={(e) => set({ plateNumber: e.target.value })} />}
              </Field>
            ) : (
              <Field path="violatorIdNumber" label={t('pay.violatorIdNumber')} hint={t('auth.idNumberHint')} error={byField.violatorIdNumber}>
                {(p) => <input {...p} inputMode="numeric" maxLength={12} autoComplete="off" value={l.violatorIdNumber} onChange={(e) => set({ violatorIdNumber: e.target.value })} />}
              </Field>
            )}
          </>
        )}
        <button type="submit" className="primary" aria-busy={res.fetching}>{t('pay.find')}</button>
      </form>
      <div aria-live="polite">
        {res.fetching && !res.data && <Loading />}
        <ErrorState error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
        {found && found.length === 0 && <Empty>{t('pay.nothing')}</Empty>}
      </div>
      {found && found.length > 0 && (
        <Checkout key={JSON.stringify(d.searched)} draftKey={key} obligations={found} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
      )}
    </>
  );
}

/** Obligations pushed to this citizen (and the sandbox ones in their name), payable here too. */
function MyPayables() {
  const { t } = useTranslation();
  const [res, refetch] = useQuery({ query: MyObligationsDocument, requestPolicy: 'network-only' });
  const obs = res.data?.viewer?.obligations.edges.map((e) => e.node);
  return (
    <>
      <p className="muted">{t('pay.about.mine')}</p>
      {res.fetching && !res.data && <Loading />}
      <ErrorState error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      {obs && obs.length === 0 && <Empty>{t('pay.noneMine')}</Empty>}
      {obs && obs.length > 0 && <Checkout draftKey="pay.mine" obligations={obs} onChanged={() => refetch({ requestPolicy: 'network-only' })} />}
    </>
  );
}

type Ob = ObligationFieldsFragment;
type CheckoutDraft = { selected: string[]; delivery: DeliveryDraft; provider: string };

const payeeKey = (o: Ob) => `${o.payee.bankCode}/${o.payee.accountNumber}`;
/** EVN bills of one customer are paid oldest first: the customer part of the bill's reference. */
const billOwner = (o: Ob) => (o.kind === 'ELECTRICITY_BILL' ? o.sourceRef.split('/')[0] : null);
/** Bills are ordered by their YYYY-MM period, as the server checks them. */
const older = (a: Ob, b: Ob) => (a.period ?? a.dueDate ?? '') < (b.period ?? b.dueDate ?? '');

/** The bills of the same customer that must be paid before o (open, older). */
function mustPayBefore(o: Ob, all: readonly Ob[]) {
  const owner = billOwner(o);
  if (!owner) return [];
  return all.filter((x) => x.id !== o.id && x.status === 'OPEN' && billOwner(x) === owner && older(x, o));
}


/** The obligations with checkboxes and the total, the payer, the delivery of held papers, the provider and "Pay". */
function Checkout({ obligations, draftKey, onChanged }: { obligations: readonly Ob[]; draftKey: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = t('locale');
  const ck = draftKey + '.checkout';
  const [d, setD] = useState<CheckoutDraft>(() => {
    const saved = drafts.load<CheckoutDraft>(ck);
    const open = new Set(obligations.filter((o) => o.status === 'OPEN').map((o) => o.id));
    return {
      provider: '', delivery: emptyDelivery(session.name() ?? ''), ...saved,
      selected: (saved?.selected ?? []).filter((id) => open.has(id)),
    };
  });
  useEffect(() => drafts.save(ck, d), [ck, d]);
  const [providers, reproviders] = useQuery({ query: PaymentProvidersDocument });
  const [res, createPayment] = useMutation(CreatePaymentDocument);
  const [errors, setErrors] = useState<UserError[]>([]);
  // The server refused the amounts shown (OBLIGATION_CHANGED): why, said until the next change or click.
  const [changed, setChanged] = useState<'' | 'midnight' | 'amount'>('');
  const sending = useRef(false);

  const byId = useMemo(() => new Map(obligations.map((o) => [o.id, o])), [obligations]);
  const chosen = d.selected.map((id) => byId.get(id)).filter((o): o is Ob => Boolean(o));
  /** The amounts due as looked up (createPayment's expectedAmount). */
  const due = chosen.reduce((n, o) => n + o.amountDue.amount, 0);
  const payee = chosen[0] ? payeeKey(chosen[0]) : null;
  const needsDelivery = chosen.some((o) => o.heldPapers);

  // What "Pay" will charge, line by line, priced by the server as createPayment does (with the postage of papers
  // sent back by post): asked again whenever the choice or the way papers come back changes.
  const quoteInput = useMemo(() => ({
    obligationIds: chosen.map((o) => o.id), deliveryMethod: needsDelivery ? d.delivery.method : null,
  }), [chosen.map((o) => o.id).join(), needsDelivery, d.delivery.method]);
  const [quoteRes, requote] = useQuery({
    query: PaymentQuoteDocument, variables: { input: quoteInput }, pause: chosen.length === 0, requestPolicy: 'cache-and-network',
  });
  const quoteErrors = quoteRes.data?.paymentQuote.userErrors ?? [];
  // A quote is shown only for the choice on screen (not the previous one while the new one is on its way).
  const quoteFor = JSON.stringify(quoteRes.operation?.variables?.input ?? null);
  const quote = quoteFor === JSON.stringify(quoteInput) && !quoteErrors.length ? quoteRes.data?.paymentQuote.quote ?? null : null;
  /** The total charged: the quote's, once it is here. */
  const total = quote ? quote.amount.amount : null;
  const provList = providers.data?.paymentProviders ?? [];
  const provider = provList.find((p) => p.code === d.provider) ?? provList[0];

  // A new lookup (after OBLIGATION_CHANGED): the choice is kept, less what can no longer be paid.
  useEffect(() => {
    const open = new Set(obligations.filter((o) => o.status === 'OPEN').map((o) => o.id));
    setD((cur) => (cur.selected.every((id) => open.has(id)) ? cur : { ...cur, selected: cur.selected.filter((id) => open.has(id)) }));
  }, [obligations]);

  // Groups by collecting account, in the order found.
  const groups = useMemo(() => {
    const m = new Map<string, Ob[]>();
    for (const o of obligations) m.set(payeeKey(o), [...(m.get(payeeKey(o)) ?? []), o]);
    return [...m.values()];
  }, [obligations]);

  const why = (o: Ob): string => {
    if (o.status !== 'OPEN') return t(`pay.obStatus.${o.status}`);
    if (payee && payeeKey(o) !== payee) return t('pay.onePayee');
    const before = mustPayBefore(o, obligations).filter((x) => !d.selected.includes(x.id));
    if (before.length) return t('pay.olderFirst');
    return '';
  };
  // An error goes once what it is about is changed.
  const drop = (first: string) => setErrors((cur) => cur.filter((e) => e.field?.[0] !== first));
  const toggle = (o: Ob, on: boolean) => {
    drop('obligationIds');
    setChanged('');
    setD((cur) => {
      let sel = cur.selected.filter((id) => id !== o.id);
      if (on) sel.push(o.id);
      // Unticking a bill unticks the newer bills of the same customer (oldest first).
      else sel = sel.filter((id) => !mustPayBefore(byId.get(id)!, obligations).some((x) => x.id === o.id));
      return { ...cur, selected: sel };
    });
  };

  const { byField, other } = splitErrors(errors, [...DELIVERY_FIELDS, 'obligationIds', 'provider', 'delivery']);
  const obsError = byField.obligationIds ?? errors.find((e) => e.field?.[0] === 'obligationIds')?.message;

  const pay = async (e: FormEvent) => {
    e.preventDefault();
    if (sending.current) return; // a double click sends once
    const local: UserError[] = [];
    if (chosen.length === 0) local.push({ field: ['obligationIds'], message: t('pay.chooseOne'), code: 'REQUIRED' });
    else if (provider && total !== null && (total < provider.minAmount.amount || total > provider.maxAmount.amount))
      local.push({ field: ['obligationIds'], message: t('pay.outOfRange', { min: formatVND(provider.minAmount.amount, locale), max: formatVND(provider.maxAmount.amount, locale) }), code: 'AMOUNT_OUT_OF_RANGE' });
    if (needsDelivery) {
      const v = d.delivery;
      const need = v.method === 'COUNTER' ? [] : [
        ['delivery.address.provinceCode', v.provinceCode], ['delivery.address.wardCode', v.wardCode], ['delivery.address.street', v.street.trim()],
        ['delivery.address.recipientName', v.recipientName.trim()], ['delivery.address.recipientPhone', v.recipientPhone.trim()]];
      for (const [f, val] of need) if (!val) local.push({ field: f.split('.'), message: t('form.required'), code: 'REQUIRED' });
    }
    setErrors(local);
    setChanged('');
    // Nothing is sent before the quote of this choice is here ("Pay" says it is being worked out).
    if (local.length || !provider || total === null) return;
    sending.current = true;
    try {
      // The quote shown: it holds until the earliest quoteValidUntil of the chosen items, for the total shown.
      const validUntil = chosen.map((o) => o.quoteValidUntil).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
      const input = {
        obligationIds: chosen.map((o) => o.id), provider: provider.code, returnUrl: `${window.location.origin}/pay/return`,
        delivery: needsDelivery ? deliveryInput(d.delivery, false) : null,
        quoteValidUntil: validUntil, expectedAmount: due, expectedTotal: total,
      };
      const json = JSON.stringify(input);
      const send = async (fresh: boolean) => {
        let attempt = drafts.load<{ key: string; input: string }>(PAY_ATTEMPT);
        if (fresh || !attempt || attempt.input !== json) {
          attempt = { key: newKey(), input: json };
          drafts.save(PAY_ATTEMPT, attempt); // before sending: a reload or a second click reuses it
        }
        return createPayment({ input: { ...input, idempotencyKey: attempt.key } });
      };
      let r = await send(false);
      let p = r.data?.createPayment.payment;
      // The key of a payment that ended (failed, cancelled, expired): this click is a new attempt.
      if (p?.finished) {
        r = await send(true);
        p = r.data?.createPayment.payment;
      }
      if (r.error || !r.data) return; // shown below; the same key is used on retry
      const ues = bare(r.data.createPayment.userErrors);
      const moved = ues.filter((u) => u.code === 'OBLIGATION_CHANGED');
      setErrors(ues.filter((u) => u.code !== 'OBLIGATION_CHANGED'));
      if (moved.length) {
        // The quote passed midnight (a fine's late charge grew) or the agency changed an amount: nothing was made
        // with this key, and the next click, on today's amounts, is a new attempt.
        setChanged(moved.some((u) => u.field?.[0] === 'quoteValidUntil') ? 'midnight' : 'amount');
        drafts.clear(PAY_ATTEMPT);
      }
      if (moved.length || ues.some((u) => u.code === 'OBLIGATION_NOT_PAYABLE')) {
        onChanged(); // look up again, the choice kept
        requote({ requestPolicy: 'network-only' });
      }
      if (p?.nextUrl) {
        const started = drafts.load<Record<string, { id: string; draft: string }>>(PAY_STARTED) ?? {};
        started[p.code] = { id: p.id, draft: draftKey };
        drafts.save(PAY_STARTED, started);
        window.location.assign(p.nextUrl);
        return;
      }
    } finally {
      sending.current = false;
    }
  };

  return (
    <form className="checkout" noValidate onSubmit={pay} aria-labelledby="obs-h">
      <h2 id="obs-h">{t('pay.found', { count: obligations.length })}</h2>
      {chosen.length === 0 && obligations.some((o) => o.status === 'OPEN') && <p className="muted">{t('pay.tick')}</p>}
      <fieldset className={'obligations' + (obsError ? ' has-error' : '')} aria-describedby={obsError ? 'f-obligationIds-error' : undefined}>
        <legend className="sr-only">{t('pay.choose')}</legend>
        {groups.map((g) => (
          <div className="table-wrap" key={payeeKey(g[0])}>
            <table data-testid="obligations">
              <caption>
                {t('pay.payee')}: {g[0].payee.accountName} ({g[0].payee.bankCode} {g[0].payee.accountNumber})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('pay.pay')}</th>
                  <th scope="col">{t('pay.what')}</th>
                  <th scope="col">{t('pay.due')}</th>
                  <th scope="col">{t('pay.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {g.map((o) => {
                  const reason = d.selected.includes(o.id) ? '' : why(o);
                  const late = o.lines.find((x) => x.kind === 'LATE_CHARGE');
                  const cid = 'ob-' + o.id.replace(/[^A-Za-z0-9_-]/g, '');
                  return (
                    <tr key={o.id} data-ref={o.sourceRef} data-status={o.status}>
                      <td>
                        <input type="checkbox" id={cid} aria-describedby={`${cid}-d${reason ? ` ${cid}-why` : ''}`} checked={d.selected.includes(o.id)}
                          disabled={Boolean(reason)} onChange={(e) => toggle(o, e.target.checked)} />
                      </td>
                      <td>
                        <label htmlFor={cid}>
                          <strong>{o.sourceRef}</strong>
                          {o.period ? ` · ${o.kind === 'TRAFFIC_FINE' ? t('pay.decidedOn', { date: formatDate(o.period) }) : `${t('pay.period')} ${o.period}`}` : ''}
                        </label>
                        <p className="muted" id={`${cid}-d`}>
                          {o.description} · {o.debtorName}
                          {o.address && <span data-testid="supply-address"> · {t('pay.suppliedAt', { address: o.address })}</span>}
                        </p>
                        {reason && <p className="why" id={`${cid}-why`}>{reason}</p>}
                      </td>
                      <td className="nowrap" data-label={t('pay.due')}>{formatDate(o.dueDate)}</td>
                      <td data-label={t('pay.amount')}>
                        <Lines o={o} locale={locale} />
                        {late && (
                          <p className="late" data-testid="late-charge">
                            {t('pay.lateNote', { until: formatDateTime(o.quoteValidUntil, locale) })}
                          </p>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
        {obsError && <p className="field-error" id="f-obligationIds-error">{obsError}</p>}
      </fieldset>
      <p className="total" aria-live="polite" data-testid="total" aria-busy={chosen.length > 0 && total === null}>
        {t('pay.total')}: <strong>{total === null ? (chosen.length ? t('pay.quoting') : formatVND(0, locale)) : formatVND(total, locale)}</strong>{' '}
        {chosen.length > 0 && <span className="muted">({t('pay.items', { count: chosen.length })})</span>}
      </p>
      {chosen.length > 0 && (
        <>
          <h2>{t('pay.payer')}</h2>
          <p data-testid="payer">{t('pay.payerIs', { name: session.name() ?? '' })}</p>
          <p className="muted">{t('pay.smsNote')}</p>
          {needsDelivery && (
            <section aria-labelledby="papers-h" className="form">
              <h2 id="papers-h">{t('pay.papers')}</h2>
              <p className="muted">{t('pay.papersHint')}</p>
              <DeliveryFields value={d.delivery} onChange={(patch) => { setD((cur) => ({ ...cur, delivery: { ...cur.delivery, ...patch } })); drop('delivery'); }}
                agencyCode={chosen.find((o) => o.heldPapers)!.agency.code} errors={byField} legend={t('pay.papersHow')}
                methodLabel={(m) => t(`pay.papersBy.${m}`)} counterNote={t('pay.counterNote')} />
              {byField.delivery && <p className="field-error" id="f-delivery-error">{byField.delivery}</p>}
            </section>
          )}
          <h2>{t('pay.provider')}</h2>
          {providers.fetching && !providers.data && <Loading />}
          <ErrorState error={providers.error} retry={() => reproviders({ requestPolicy: 'network-only' })} />
          <fieldset aria-describedby={byField.provider ? 'f-provider-error' : undefined}>
            <legend className="sr-only">{t('pay.provider')}</legend>
            {provList.map((p) => (
              <label key={p.code} className="choice">
                <input type="radio" name="provider" value={p.code} checked={provider?.code === p.code} onChange={() => setD((cur) => ({ ...cur, provider: p.code }))} />
                {p.name} <span className="muted">({t('pay.limits', { min: formatVND(p.minAmount.amount, locale), max: formatVND(p.maxAmount.amount, locale) })})</span>
              </label>
            ))}
            {byField.provider && <p className="field-error" id="f-provider-error">{byField.provider}</p>}
          </fieldset>
        </>
      )}
      {chosen.length > 0 && (
        <section aria-labelledby="quote-h" className="quote">
          <h2 id="quote-h">{t('pay.quoteTitle')}</h2>
          <p className="muted">{t('pay.quoteHint')}</p>
          {quoteRes.fetching && !quote && <Loading />}
          <ErrorState error={quoteRes.error} retry={() => requote({ requestPolicy: 'network-only' })} />
          <FormAlert messages={quoteErrors.map((e) => e.message)} />
          {quote && <PaidItems items={quote.items} total={quote.amount.amount} locale={locale} caption={t('pay.quoteCaption')} testId="quote-items" />}
        </section>
      )}
      {changed && (
        <div className="alert" role="alert" data-testid="amount-changed" data-why={changed}>
          <p>{t(`pay.changed.${changed}`, { total: total === null ? t('pay.quoting') : formatVND(total, locale) })}</p>
        </div>
      )}
      <FormAlert messages={other} />
      <ErrorState error={res.error} />
      <button type="submit" className="primary" data-testid="pay" disabled={res.fetching}
        aria-busy={res.fetching || (chosen.length > 0 && total === null)} lang={i18n.language}>
        {res.fetching ? t('pay.sending') : total === null && chosen.length ? t('pay.quoting') : t('pay.payTotal', { total: formatVND(total ?? 0, locale) })}
      </button>
    </form>
  );
}

/** An obligation's lines (principal, late charge…) and its amount due. */
export function Lines({ o, locale }: { o: Pick<Ob, 'kind' | 'lines' | 'amountDue' | 'status'>; locale: string }): ReactNode {
  const { t } = useTranslation();
  if (o.status !== 'OPEN') return <span className="muted">{formatVND(o.lines.reduce((n, x) => n + x.amount.amount, 0), locale)}</span>;
  return (
    <>
      {o.lines.length > 1 && (
        <ul className="lines">
          {o.lines.map((x, i) => (
            <li key={i} data-kind={x.kind}>{lineLabel(t, x.kind, o.kind)}: {formatVND(x.amount.amount, locale)}</li>
          ))}
        </ul>
      )}
      <strong data-testid="amount-due">{formatVND(o.amountDue.amount, locale)}</strong>
    </>
  );
}
