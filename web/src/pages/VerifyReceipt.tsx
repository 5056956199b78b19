import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { VerifyReceiptDocument } from '../gql/graphql';
import { ErrorState, Field, formatDateTime, formatVND, PageTitle, splitErrors, type UserError } from '../ui';

/** Public: anyone shown a payment confirmation checks it by its number and verification code. */
export default function VerifyReceipt() {
  const { t } = useTranslation();
  const locale = t('locale');
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [verifyCode, setVerifyCode] = useState(params.get('verify') ?? '');
  const [asked, setAsked] = useState<{ code: string; verifyCode: string } | null>(null);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [res] = useQuery({ query: VerifyReceiptDocument, variables: asked ?? { code: '', verifyCode: '' }, pause: !asked, requestPolicy: 'network-only' });
  const { byField } = splitErrors(errors, ['code', 'verifyCode']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: UserError[] = [];
    if (!code.trim()) local.push({ field: ['code'], message: t('form.required'), code: 'REQUIRED' });
    if (!verifyCode.trim()) local.push({ field: ['verifyCode'], message: t('form.required'), code: 'REQUIRED' });
    setErrors(local);
    if (local.length) return;
    setAsked({ code: code.trim(), verifyCode: verifyCode.trim() });
    setParams({}, { replace: true });
  };
  const r = res.data?.verifyReceipt;
  return (
    <>
      <PageTitle title={t('verify.title')}>{t('verify.title')}</PageTitle>
      <p className="muted">{t('verify.about')}</p>
      <form className="form" noValidate onSubmit={submit}>
        <Field path="code" label={t('payResult.receiptNumber')} error={byField.code}>
          {(p) => <input {...p} maxLength={60} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field path="verifyCode" label={t('payResult.verifyCode')} error={byField.verifyCode}>
          {(p) => <input {...p} maxLength={60} autoComplete="off" value={verifyCode} onChange={(e) => setVerifyCode(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" aria-busy={res.fetching}>{t('verify.check')}</button>
      </form>
      <div aria-live="polite" data-testid="verify-result">
        <ErrorState error={res.error} />
        {asked && res.data && !res.fetching && (r ? (
          <div className="success" data-valid="true">
            <p><strong>{t('verify.valid')}</strong></p>
            <dl className="summary">
              <dt>{t('payResult.receiptNumber')}</dt>
              <dd>{r.number}</dd>
              <dt>{t('verify.issuer')}</dt>
              <dd>{r.issuer}</dd>
              <dt>{t('verify.issuedAt')}</dt>
              <dd>{formatDateTime(r.issuedAt, locale)}</dd>
              <dt>{t('pay.amount')}</dt>
              <dd>{formatVND(r.amount.amount, locale)}</dd>
            </dl>
          </div>
        ) : (
          <div className="alert" data-valid="false">
            <p>{t('verify.invalid')}</p>
          </div>
        ))}
      </div>
    </>
  );
}
