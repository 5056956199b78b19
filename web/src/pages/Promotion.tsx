import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  PromotionChecklistDocument, ProvinceListDocument, RegisterSalesPromotionDocument, type RegisterSalesPromotionInput,
} from '../gql/graphql';
import { Captcha, type CaptchaValue } from '../Captcha';
import { ErrorState, Field, FormAlert, Loading, PageTitle, splitErrors, type UserError } from '../ui';
import { drafts } from '../session';
import { useRequireLogin, useSession } from '../App';
import { newKey } from './Reissue';
import { precheck, uploadDocument, type Uploaded } from '../upload';

const DRAFT = 'SALES-PROMOTION';
const ATTEMPT = 'SALES-PROMOTION.attempt';
const TEXTS = ['programName', 'promotedGoods', 'prizeGoods', 'customers', 'prizeStructure', 'rules'] as const;

type Draft = {
  step: 'form' | 'review';
  programName: string;
  form: 'LUCKY_DRAW' | 'OTHER_CHANCE';
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
  step: 'form', programName: '', form: 'LUCKY_DRAW', provinceCodes: [], startDate: '', endDate: '', promotedGoods: '',
  prizeGoods: '', customers: '', prizeStructure: '', totalPrizeValue: '', rules: '', uploads: {},
};

export const PROMOTION_FIELDS = [
  'enterpriseId', ...TEXTS, 'form', 'provinceCodes', 'startDate', 'endDate', 'totalPrizeValue', 'documents', 'captcha.answer',
];

/** The checklist's service: a province's department for one province, the Ministry for more. */
function serviceCode(provinces: string[]) {
  return provinces.length === 1 ? `SALES-PROMOTION-REGISTRATION-${provinces[0]}` : 'SALES-PROMOTION-REGISTRATION';
}

type Progress = { fraction: number; error?: string; busy: boolean };

/** Registration of a lucky draw for the enterprise acted for: form with uploads per checklist item → review → captcha → confirm → done. */
export default function Promotion() {
  const loggedIn = useRequireLogin();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { acting } = useSession();
  const [d, setD] = useState<Draft>(() => ({ ...empty, ...drafts.load<Draft>(DRAFT) }));
  const [errors, setErrors] = useState<UserError[]>([]);
  const [captcha, setCaptcha] = useState<CaptchaValue>({ id: '', answer: '' });
  const [gen, setGen] = useState(0);
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const files = useRef<Record<string, File>>({});
  const [res, register] = useMutation(RegisterSalesPromotionDocument);
  const sending = useRef(false);
  useEffect(() => drafts.save(DRAFT, d), [d]);
  const [provinces, reprovinces] = useQuery({ query: ProvinceListDocument });
  const [svc, resvc] = useQuery({ query: PromotionChecklistDocument, variables: { code: serviceCode(d.provinceCodes) } });

  if (!loggedIn) return null;
  if (!acting) {
    return (
      <>
        <PageTitle title={t('promo.title')}>{t('promo.title')}</PageTitle>
        <p className="alert" role="alert">{t('promo.needEnterprise')}</p>
        <p><Link to="/business">{t('business.title')}</Link></p>
      </>
    );
  }
  const checklist = svc.data?.service?.cases.find((c) => c.code === 'NEW')?.documents ?? [];
  const { byField, other } = splitErrors(errors, PROMOTION_FIELDS);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((cur) => ({ ...cur, [k]: v }));
  const provinceName = (code: string) => provinces.data?.provinces.find((p) => p.code === code)?.name ?? code;

  const input: Omit<RegisterSalesPromotionInput, 'captcha' | 'idempotencyKey'> = {
    enterpriseId: acting.id,
    programName: d.programName.trim(), form: d.form, provinceCodes: d.provinceCodes, startDate: d.startDate, endDate: d.endDate,
    promotedGoods: d.promotedGoods.trim(), prizeGoods: d.prizeGoods.trim(), customers: d.customers.trim(),
    prizeStructure: d.prizeStructure.trim(), totalPrizeValue: Number(d.totalPrizeValue.replace(/\D/g, '') || '0'), rules: d.rules.trim(),
    documents: checklist.filter((c) => d.uploads[c.code]).map((c) => ({ documentCode: c.code, uploadId: d.uploads[c.code].id })),
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
    const local: UserError[] = [];
    for (const k of TEXTS) if (!d[k].trim()) local.push({ field: [k], message: t('form.required'), code: 'REQUIRED' });
    if (d.provinceCodes.length === 0) local.push({ field: ['provinceCodes'], message: t('form.required'), code: 'REQUIRED' });
    if (!d.startDate) local.push({ field: ['startDate'], message: t('form.required'), code: 'REQUIRED' });
    if (!d.endDate) local.push({ field: ['endDate'], message: t('form.required'), code: 'REQUIRED' });
    if (!/^\d[\d.\s]*$/.test(d.totalPrizeValue.trim())) local.push({ field: ['totalPrizeValue'], message: t('promo.wholeVnd'), code: 'INVALID' });
    if (checklist.some((c) => c.required && !d.uploads[c.code])) local.push({ field: ['documents'], message: t('promo.missingDoc'), code: 'MISSING_DOCUMENT' });
    setErrors(local);
    if (local.length === 0) set('step', 'review');
  };

  const confirm = async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      const json = JSON.stringify(input);
      let attempt = drafts.load<{ key: string; input: string }>(ATTEMPT);
      if (!attempt || attempt.input !== json) {
        attempt = { key: newKey(), input: json };
        drafts.save(ATTEMPT, attempt);
      }
      const r = await register({ input: { ...input, captcha, idempotencyKey: attempt.key } });
      if (r.error) return;
      setGen((g) => g + 1);
      const p = r.data?.registerSalesPromotion;
      if (!p) return;
      if (p.application) {
        drafts.clear(DRAFT);
        drafts.clear(ATTEMPT);
        navigate(`/done/${encodeURIComponent(p.application.id)}`, { replace: true });
        return;
      }
      const errs = p.userErrors.map((u) => {
        const f = u.field ?? [];
        if (f[0] === 'captcha') return { ...u, field: ['captcha', 'answer'] };
        if (f[0] === 'formData' && f.length > 1) return { ...u, field: [f[1]] };
        if (f[0] === 'documents' || f[0] === 'provinceCodes') return { ...u, field: [f[0]] };
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
        <PageTitle title={t('promo.reviewTitle')}>{t('promo.reviewTitle')}</PageTitle>
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        <dl className="summary">
          <dt>{t('promo.enterprise')}</dt>
          <dd>{acting.name}</dd>
          <dt>{t('promo.programName')}</dt>
          <dd>{d.programName}</dd>
          <dt>{t('promo.form')}</dt>
          <dd>{t(`promo.forms.${d.form}`)}</dd>
          <dt>{t('promo.provinces')}</dt>
          <dd>{d.provinceCodes.map(provinceName).join(', ')}</dd>
          <dt>{t('promo.period')}</dt>
          <dd>{d.startDate} → {d.endDate}</dd>
          <dt>{t('promo.totalPrizeValue')}</dt>
          <dd>{money(d.totalPrizeValue)}</dd>
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
      <PageTitle title={t('promo.title')}>{t('promo.title')}</PageTitle>
      <p className="muted">{t('promo.intro', { name: acting.name })}</p>
      <form className="form" noValidate onSubmit={toReview}>
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        {text('programName')}
        <fieldset>
          <legend>{t('promo.form')}</legend>
          {(['LUCKY_DRAW', 'OTHER_CHANCE'] as const).map((f) => (
            <label key={f} className="choice">
              <input type="radio" name="form" id={f === 'LUCKY_DRAW' ? 'f-form' : undefined} value={f} checked={d.form === f} onChange={() => set('form', f)} />
              {t(`promo.forms.${f}`)}
            </label>
          ))}
        </fieldset>
        {provinces.fetching && !provinces.data && <Loading />}
        <ErrorState error={provinces.error} retry={() => reprovinces({ requestPolicy: 'network-only' })} />
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
        <Field path="startDate" label={t('promo.startDate')} error={byField.startDate}>
          {(p) => <input {...p} type="date" value={d.startDate} onChange={(e) => set('startDate', e.target.value)} />}
        </Field>
        <Field path="endDate" label={t('promo.endDate')} error={byField.endDate}>
          {(p) => <input {...p} type="date" value={d.endDate} onChange={(e) => set('endDate', e.target.value)} />}
        </Field>
        {text('promotedGoods', true)}
        {text('prizeGoods', true)}
        {text('customers')}
        {text('prizeStructure', true)}
        <Field path="totalPrizeValue" label={t('promo.totalPrizeValue')} hint={t('promo.wholeVnd')} error={byField.totalPrizeValue}>
          {(p) => <input {...p} inputMode="numeric" maxLength={20} value={d.totalPrizeValue} onChange={(e) => set('totalPrizeValue', e.target.value)} />}
        </Field>
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
