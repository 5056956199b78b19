import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  AmendSalesPromotionDocument, NotifySalesPromotionDocument, PromotionChecklistDocument, PromotionOriginalDocument, ProvinceListDocument,
  RegisterSalesPromotionDocument, SalesPromotionNoticeTermsDocument, type RegisterSalesPromotionInput,
} from '../gql/graphql';
import { Captcha, type CaptchaValue } from '../Captcha';
import { ErrorState, Field, formatDate, FormAlert, Loading, PageTitle, splitErrors, type UserError } from '../ui';
import { drafts } from '../session';
import { useRequireLogin, useSession } from '../App';
import { newKey } from './Reissue';
import { precheck, uploadDocument, type Uploaded } from '../upload';

const TEXTS = ['programName', 'promotedGoods', 'prizeGoods', 'customers', 'prizeStructure', 'rules'] as const;
/** A notification has no prizes. */
const NOTICE_TEXTS: readonly (typeof TEXTS)[number][] = ['programName', 'promotedGoods', 'customers', 'rules'];

/** The three screens of a sales promotion: a lucky draw's registration, a notification, the amendment of a confirmed registration. */
type Kind = 'register' | 'notify' | 'amend';
const FORMS: Record<Kind, readonly string[]> = {
  register: ['LUCKY_DRAW', 'OTHER_CHANCE'], amend: ['LUCKY_DRAW', 'OTHER_CHANCE'], notify: ['CONTEST_ENTRY', 'FREQUENT_CUSTOMER'],
};
const TITLES: Record<Kind, { title: string; review: string; intro: string }> = {
  register: { title: 'promo.title', review: 'promo.reviewTitle', intro: 'promo.intro' },
  notify: { title: 'promo.noticeTitle', review: 'promo.noticeReviewTitle', intro: 'promo.noticeIntro' },
  amend: { title: 'promo.amendTitle', review: 'promo.amendReviewTitle', intro: 'promo.amendIntro' },
};

type Draft = {
  step: 'form' | 'review';
  /** amend: the registration this draft amends (the draft is filled from it once). */
  original?: string;
  changes: string;
  programName: string;
  form: string;
  provinceCodes: string[];
  startDate: string;
  endDate: string;
  promotedGoods: string;
  prizeGoods: string;
  customers: string;
  prizeStructure: string;
  totalPrizeValue: string;
  rules: string;
  uploads: Record<string, Uploaded>;
};

const empty: Draft = {
  step: 'form', changes: '', programName: '', form: 'LUCKY_DRAW', provinceCodes: [], startDate: '', endDate: '', promotedGoods: '',
  prizeGoods: '', customers: '', prizeStructure: '', totalPrizeValue: '', rules: '', uploads: {},
};

export const PROMOTION_FIELDS = [
  'enterpriseId', ...TEXTS, 'changes', 'form', 'provinceCodes', 'startDate', 'endDate', 'totalPrizeValue', 'documents', 'captcha.answer',
];

/** The draft of an amendment, from the registration's form data. */
function fromOriginal(id: string, f: Record<string, unknown>): Draft {
  const str = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '');
  return {
    ...empty, original: id, programName: str('programName'), form: str('form') || 'LUCKY_DRAW',
    provinceCodes: Array.isArray(f.provinceCodes) ? (f.provinceCodes as string[]) : [], startDate: str('startDate'), endDate: str('endDate'),
    promotedGoods: str('promotedGoods'), prizeGoods: str('prizeGoods'), customers: str('customers'), prizeStructure: str('prizeStructure'),
    totalPrizeValue: typeof f.totalPrizeValue === 'number' ? String(f.totalPrizeValue) : '', rules: str('rules'),
  };
}

/** A department's service (one province), not the Ministry's. */
const isDepartment = (code: string) => /-\d\d$/.test(code);

/** The checklist's service: a province's department for one province, the Ministry for more. */
function serviceCode(provinces: string[]) {
  return provinces.length === 1 ? `SALES-PROMOTION-REGISTRATION-${provinces[0]}` : 'SALES-PROMOTION-REGISTRATION';
}

type Progress = { fraction: number; error?: string; busy: boolean };

/** Registration of a lucky draw for the enterprise acted for: form with uploads per checklist item → review → captcha → confirm → done. */
export default function Promotion() {
  return <PromotionForm kind="register" />;
}

/** Notification of a promotion (contest entry forms, frequent-customer programs) to the department of each province of its area. */
export function PromotionNotice() {
  return <PromotionForm kind="notify" />;
}

/** Amendment of a confirmed registration (/business/promotion/amend/:id), filled from it. */
export function PromotionAmend() {
  const { id = '' } = useParams();
  return <PromotionForm kind="amend" originalId={id} key={id} />;
}

type Done = { code: string; agency: string };
/** A userError, or the form's own check (local: message is a translation key, with params). */
type FormError = UserError & { local?: boolean; params?: Record<string, unknown> };

function PromotionForm({ kind, originalId = '' }: { kind: Kind; originalId?: string }) {
  const loggedIn = useRequireLogin();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { acting } = useSession();
  const draftKey = kind === 'register' ? 'SALES-PROMOTION' : kind === 'notify' ? 'SALES-PROMOTION-NOTICE' : `SALES-PROMOTION-AMEND.${originalId}`;
  const attemptKey = `${draftKey}.attempt`;
  const [d, setD] = useState<Draft>(() => ({ ...empty, form: FORMS[kind][0], ...drafts.load<Draft>(draftKey) }));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [captcha, setCaptcha] = useState<CaptchaValue>({ id: '', answer: '' });
  const [gen, setGen] = useState(0);
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const [done, setDone] = useState<Done[] | null>(null);
  const files = useRef<Record<string, File>>({});
  const [regRes, register] = useMutation(RegisterSalesPromotionDocument);
  const [notRes, notify] = useMutation(NotifySalesPromotionDocument);
  const [amdRes, amend] = useMutation(AmendSalesPromotionDocument);
  const res = kind === 'register' ? regRes : kind === 'notify' ? notRes : amdRes;
  const sending = useRef(false);
  useEffect(() => drafts.save(draftKey, d), [d, draftKey]);
  const [provinces, reprovinces] = useQuery({ query: ProvinceListDocument });
  const [orig, reorig] = useQuery({ query: PromotionOriginalDocument, variables: { id: originalId }, pause: kind !== 'amend' || !loggedIn });
  const original = orig.data?.node && 'code' in orig.data.node ? orig.data.node : null;
  useEffect(() => {
    if (original && d.original !== original.id) setD(fromOriginal(original.id, original.formData ?? {}));
  }, [original, d.original]);
  const checklistCode = kind === 'register' ? serviceCode(d.provinceCodes)
    : kind === 'notify' ? `SALES-PROMOTION-NOTIFICATION-${d.provinceCodes[0] ?? '01'}` : original?.service.code ?? '';
  const [svc, resvc] = useQuery({ query: PromotionChecklistDocument, variables: { code: checklistCode }, pause: !checklistCode });
  const [terms] = useQuery({
    query: SalesPromotionNoticeTermsDocument, variables: { provinceCodes: d.provinceCodes.length ? d.provinceCodes : ['01'] }, pause: kind !== 'notify',
  });
  const notice = terms.data?.salesPromotionNoticeTerms;
  const title = TITLES[kind];

  if (!loggedIn) return null;
  if (!acting) {
    return (
      <>
        <PageTitle title={t(title.title)}>{t(title.title)}</PageTitle>
        <p className="alert" role="alert">{t('promo.needEnterprise')}</p>
        <p><Link to="/business">{t('business.title')}</Link></p>
      </>
    );
  }
  if (kind === 'amend') {
    if (orig.fetching && !orig.data) return <Loading />;
    if (orig.error) return <ErrorState error={orig.error} retry={() => reorig({ requestPolicy: 'network-only' })} />;
    if (!original) return <p>{t('apps.notFound')}</p>;
    if (original.enterprise?.id !== acting.id) {
      return (
        <>
          <PageTitle title={t(title.title)}>{t(title.title)}</PageTitle>
          <p className="alert" role="alert">{t('promo.amendOtherEnterprise', { name: original.enterprise?.name ?? '' })}</p>
          <p><Link to="/business">{t('business.title')}</Link></p>
        </>
      );
    }
  }
  if (done) {
    return (
      <>
        <PageTitle title={t('promo.noticeDone')}>{t('promo.noticeDone')}</PageTitle>
        <div className="success" role="status">
          <ul data-testid="notice-done">
            {done.map((a) => <li key={a.code}><strong>{a.code}</strong> — {a.agency}</li>)}
          </ul>
          <p>{t('promo.noticeReceived')}</p>
        </div>
        <p><Link to="/applications">{t('nav.mine')}</Link></p>
      </>
    );
  }
  const texts = kind === 'notify' ? NOTICE_TEXTS : TEXTS;
  const checklist = svc.data?.service?.cases.find((c) => c.code === (kind === 'amend' ? 'AMEND' : 'NEW'))?.documents ?? [];
  // The form's own messages follow the language; the server's come in the language of the request.
  const shown = errors.map((e) => (e.local ? { ...e, message: t(e.message, e.params) } : e));
  const { byField, other } = splitErrors(shown, PROMOTION_FIELDS);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((cur) => ({ ...cur, [k]: v }));
  const provinceName = (code: string) => provinces.data?.provinces.find((p) => p.code === code)?.name ?? code;
  // An amendment of a department's registration stays in its province.
  const fixedArea = kind === 'amend' && !!original && isDepartment(original.service.code);

  const documents = checklist.filter((c) => d.uploads[c.code]).map((c) => ({ documentCode: c.code, uploadId: d.uploads[c.code].id }));
  const common = {
    enterpriseId: acting.id, programName: d.programName.trim(), provinceCodes: d.provinceCodes, startDate: d.startDate, endDate: d.endDate,
    promotedGoods: d.promotedGoods.trim(), customers: d.customers.trim(), rules: d.rules.trim(), documents,
  };
  const input: Omit<RegisterSalesPromotionInput, 'captcha' | 'idempotencyKey'> = {
    ...common, form: d.form as RegisterSalesPromotionInput['form'], prizeGoods: d.prizeGoods.trim(),
    prizeStructure: d.prizeStructure.trim(), totalPrizeValue: Number(d.totalPrizeValue.replace(/\D/g, '') || '0'),
  };

  const send = async (code: string) => {
    const file = files.current[code];
    if (!file) return;
    const bad = precheck(file);
    if (bad) {
      setProgress((p) => ({ ...p, [code]: { fraction: 0, busy: false, error: t(bad === 'type' ? 'promo.badType' : 'promo.tooLarge') } }));
      return;
    }
    setProgress((p) => ({ ...p, [code]: { fraction: 0, busy: true } }));
    const r = await uploadDocument(file, i18n.language, (f) => setProgress((p) => ({ ...p, [code]: { fraction: f, busy: true } })));
    if (r.ok) {
      setD((cur) => ({ ...cur, uploads: { ...cur.uploads, [code]: r.upload } }));
      setProgress((p) => ({ ...p, [code]: { fraction: 1, busy: false } }));
    } else {
      const msg = r.kind === 'network' ? t('err.network') : r.message ?? t(r.kind === 'type' ? 'promo.badType' : r.kind === 'size' ? 'promo.tooLarge' : 'err.generic');
      setProgress((p) => ({ ...p, [code]: { fraction: 0, busy: false, error: msg } }));
    }
  };

  const toReview = (e: FormEvent) => {
    e.preventDefault();
    const local: FormError[] = [];
    for (const k of texts) if (!d[k].trim()) local.push({ field: [k], message: 'form.required', code: 'REQUIRED', local: true });
    if (kind === 'amend' && !d.changes.trim()) local.push({ field: ['changes'], message: 'form.required', code: 'REQUIRED', local: true });
    if (d.provinceCodes.length === 0) local.push({ field: ['provinceCodes'], message: 'form.required', code: 'REQUIRED', local: true });
    if (!d.startDate) local.push({ field: ['startDate'], message: 'form.required', code: 'REQUIRED', local: true });
    else if (kind === 'notify' && notice && d.startDate < notice.earliestStartDate)
      local.push({ field: ['startDate'], message: 'promo.tooLate', params: { days: notice.leadWorkingDays, date: formatDate(notice.earliestStartDate) }, code: 'TOO_LATE', local: true });
    if (!d.endDate) local.push({ field: ['endDate'], message: 'form.required', code: 'REQUIRED', local: true });
    if (kind !== 'notify' && !/^\d[\d.\s]*$/.test(d.totalPrizeValue.trim())) local.push({ field: ['totalPrizeValue'], message: 'promo.wholeVnd', code: 'INVALID', local: true });
    if (checklist.some((c) => c.required && !d.uploads[c.code])) local.push({ field: ['documents'], message: 'promo.missingDoc', code: 'MISSING_DOCUMENT', local: true });
    setErrors(local);
    if (local.length === 0) set('step', 'review');
  };

  const confirm = async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      const json = JSON.stringify([kind, input, d.changes, originalId]);
      let attempt = drafts.load<{ key: string; input: string }>(attemptKey);
      if (!attempt || attempt.input !== json) {
        attempt = { key: newKey(), input: json };
        drafts.save(attemptKey, attempt);
      }
      const key = { captcha, idempotencyKey: attempt.key };
      let p: { userErrors: readonly UserError[] } | undefined;
      let appID = '';
      let sent: Done[] | null = null;
      if (kind === 'notify') {
        const r = await notify({ input: { ...common, form: d.form as 'CONTEST_ENTRY' | 'FREQUENT_CUSTOMER', ...key } });
        if (r.error) return;
        p = r.data?.notifySalesPromotion;
        sent = r.data?.notifySalesPromotion.applications?.map((a) => ({ code: a.code, agency: a.service.agency.name })) ?? null;
      } else if (kind === 'amend') {
        const r = await amend({ input: { ...input, originalApplicationId: originalId, changes: d.changes.trim(), ...key } });
        if (r.error) return;
        p = r.data?.amendSalesPromotion;
        appID = r.data?.amendSalesPromotion.application?.id ?? '';
      } else {
        const r = await register({ input: { ...input, ...key } });
        if (r.error) return;
        p = r.data?.registerSalesPromotion;
        appID = r.data?.registerSalesPromotion.application?.id ?? '';
      }
      setGen((g) => g + 1);
      if (!p) return;
      if (appID || sent) {
        drafts.clear(draftKey);
        drafts.clear(attemptKey);
        if (sent) setDone(sent);
        else navigate(`/done/${encodeURIComponent(appID)}`, { replace: true });
        return;
      }
      const errs = p.userErrors.map((u) => {
        const f = u.field ?? [];
        if (f[0] === 'captcha') return { ...u, field: ['captcha', 'answer'] };
        if (f[0] === 'formData' && f.length > 1) return { ...u, field: [f[1]] };
        if (f[0] === 'documents' || f[0] === 'provinceCodes') return { ...u, field: [f[0]] };
        if (f[0] === 'originalApplicationId') return { ...u, field: [] };
        return u;
      });
      setErrors(errs);
      if (errs.some((u) => PROMOTION_FIELDS.includes((u.field ?? []).join('.')) && u.field?.[0] !== 'captcha')) set('step', 'form');
    } finally {
      sending.current = false;
    }
  };

  const money = (s: string) => Number(s.replace(/\D/g, '') || '0').toLocaleString('vi-VN') + ' đ';

  if (d.step === 'review') {
    return (
      <>
        <PageTitle title={t(title.review)}>{t(title.review)}</PageTitle>
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        <dl className="summary">
          <dt>{t('promo.enterprise')}</dt>
          <dd>{acting.name}</dd>
          {original && (
            <>
              <dt>{t('promo.original')}</dt>
              <dd>{original.code}</dd>
              <dt>{t('promo.changes')}</dt>
              <dd>{d.changes}</dd>
            </>
          )}
          <dt>{t('promo.programName')}</dt>
          <dd>{d.programName}</dd>
          <dt>{t('promo.form')}</dt>
          <dd>{t(`promo.forms.${d.form}`)}</dd>
          <dt>{t('promo.provinces')}</dt>
          <dd>{d.provinceCodes.map(provinceName).join(', ')}</dd>
          <dt>{t('promo.period')}</dt>
          <dd>{d.startDate} → {d.endDate}</dd>
          {kind !== 'notify' && (
            <>
              <dt>{t('promo.totalPrizeValue')}</dt>
              <dd>{money(d.totalPrizeValue)}</dd>
            </>
          )}
          <dt>{t('promo.documents')}</dt>
          <dd>
            <ul>
              {checklist.filter((c) => d.uploads[c.code]).map((c) => (
                <li key={c.code}>{c.name}: {d.uploads[c.code].fileName}</li>
              ))}
            </ul>
          </dd>
        </dl>
        <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
          <Captcha generation={gen} value={captcha} onChange={setCaptcha} error={byField['captcha.answer']} />
          <div className="row">
            <button type="button" className="secondary" onClick={() => set('step', 'form')}>{t('reissue.edit')}</button>
            <button type="submit" className="primary" disabled={res.fetching} aria-busy={res.fetching}>
              {res.fetching ? t('reissue.sending') : t('reissue.confirm')}
            </button>
          </div>
        </form>
      </>
    );
  }

  const text = (k: (typeof TEXTS)[number], area = false) => (
    <Field key={k} path={k} label={t(`promo.${k}`)} error={byField[k]}>
      {(p) => area
        ? <textarea {...p} rows={3} maxLength={4000} value={d[k]} onChange={(e) => set(k, e.target.value)} />
        : <input {...p} maxLength={300} value={d[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );
  return (
    <>
      <PageTitle title={t(title.title)}>{t(title.title)}</PageTitle>
      <p className="muted">{t(title.intro, { name: acting.name, code: original?.code ?? '' })}</p>
      <form className="form" noValidate onSubmit={toReview}>
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        {kind === 'amend' && (
          <Field path="changes" label={t('promo.changes')} hint={t('promo.changesHint')} error={byField.changes}>
            {(p) => <textarea {...p} rows={3} maxLength={5000} value={d.changes} onChange={(e) => set('changes', e.target.value)} />}
          </Field>
        )}
        {text('programName')}
        <fieldset>
          <legend>{t('promo.form')}</legend>
          {FORMS[kind].map((f, i) => (
            <label key={f} className="choice">
              <input type="radio" name="form" id={i === 0 ? 'f-form' : undefined} value={f} checked={d.form === f} onChange={() => set('form', f)} />
              {t(`promo.forms.${f}`)}
            </label>
          ))}
        </fieldset>
        {provinces.fetching && !provinces.data && <Loading />}
        <ErrorState error={provinces.error} retry={() => reprovinces({ requestPolicy: 'network-only' })} />
        {fixedArea ? (
          <div className="field" id="f-provinceCodes">
            <p><strong>{t('promo.provinces')}</strong>: {d.provinceCodes.map(provinceName).join(', ')}</p>
            <p className="hint">{t('promo.areaFixed')}</p>
            {byField.provinceCodes && <p className="field-error">{byField.provinceCodes}</p>}
          </div>
        ) : (
        <fieldset id="f-provinceCodes" className={'provinces' + (byField.provinceCodes ? ' has-error' : '')}
          aria-describedby={byField.provinceCodes ? 'f-provinceCodes-error' : undefined}>
          <legend>{t('promo.provinces')}</legend>
          <div className="checks">
            {provinces.data?.provinces.map((p) => (
              <label key={p.code} className="choice">
                <input type="checkbox" name="province" value={p.code} checked={d.provinceCodes.includes(p.code)}
                  onChange={(e) => set('provinceCodes', e.target.checked ? [...d.provinceCodes, p.code] : d.provinceCodes.filter((c) => c !== p.code))} />
                {p.name}
              </label>
            ))}
          </div>
          {byField.provinceCodes && <p className="field-error" id="f-provinceCodes-error">{byField.provinceCodes}</p>}
        </fieldset>
        )}
        <Field path="startDate" label={t('promo.startDate')} error={byField.startDate}
          hint={kind === 'notify' && notice ? t('promo.noticeLead', { days: notice.leadWorkingDays, date: formatDate(notice.earliestStartDate) }) : undefined}>
          {(p) => <input {...p} type="date" min={kind === 'notify' ? notice?.earliestStartDate : undefined} value={d.startDate}
            onChange={(e) => set('startDate', e.target.value)} />}
        </Field>
        <Field path="endDate" label={t('promo.endDate')} error={byField.endDate}>
          {(p) => <input {...p} type="date" value={d.endDate} onChange={(e) => set('endDate', e.target.value)} />}
        </Field>
        {text('promotedGoods', true)}
        {kind !== 'notify' && text('prizeGoods', true)}
        {text('customers')}
        {kind !== 'notify' && text('prizeStructure', true)}
        {kind !== 'notify' && (
          <Field path="totalPrizeValue" label={t('promo.totalPrizeValue')} hint={t('promo.wholeVnd')} error={byField.totalPrizeValue}>
            {(p) => <input {...p} inputMode="numeric" maxLength={20} value={d.totalPrizeValue} onChange={(e) => set('totalPrizeValue', e.target.value)} />}
          </Field>
        )}
        {text('rules', true)}
        <fieldset id="f-documents" className={byField.documents ? 'has-error' : ''}
          aria-describedby={byField.documents ? 'f-documents-error' : 'f-documents-hint'}>
          <legend>{t('promo.documents')}</legend>
          <p className="hint" id="f-documents-hint">{t('promo.docHint')}</p>
          {svc.fetching && !svc.data && <Loading />}
          <ErrorState error={svc.error} retry={() => resvc({ requestPolicy: 'network-only' })} />
          {checklist.map((c) => {
            const id = `f-doc-${c.code}`;
            const pr = progress[c.code];
            const up = d.uploads[c.code];
            return (
              <div key={c.code} className={'field upload' + (pr?.error ? ' has-error' : '')} data-code={c.code}>
                <label htmlFor={id}>{c.name}{c.required ? ` (${t('promo.required')})` : ''}</label>
                <input id={id} type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                  aria-invalid={pr?.error ? true : undefined} aria-describedby={pr?.error ? `${id}-error` : up ? `${id}-done` : undefined}
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) {
                      files.current[c.code] = f;
                      void send(c.code);
                    }
                  }} />
                {pr?.busy && <progress max={1} value={pr.fraction} aria-label={t('promo.uploading', { name: c.name })} />}
                {up && !pr?.busy && !pr?.error && (
                  <p className="ok" id={`${id}-done`} data-testid={`uploaded-${c.code}`}>
                    {t('promo.uploaded')}: {up.fileName} · {up.contentType} · {Math.ceil(up.size / 1024)} KiB
                  </p>
                )}
                {pr?.error && (
                  <>
                    <p className="field-error" id={`${id}-error`}>{pr.error}</p>
                    {files.current[c.code] && precheck(files.current[c.code]) === null && (
                      <button type="button" className="secondary" onClick={() => void send(c.code)}>{t('common.retry')}</button>
                    )}
                  </>
                )}
              </div>
            );
          })}
          {byField.documents && <p className="field-error" id="f-documents-error">{byField.documents}</p>}
        </fieldset>
        <button type="submit" className="primary">{t('reissue.next')}</button>
      </form>
    </>
  );
}
