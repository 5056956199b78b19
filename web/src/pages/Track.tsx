import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { TrackApplicationDocument } from '../gql/graphql';
import { ErrorState, Field, formatDate, formatDateTime, Loading, PageTitle } from '../ui';
import { StatusBadge } from './MyApps';

/** Public tracking by application code + the applicant's ID number (no login). */
export default function Track() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ code: '', idNumber: '' });
  const [asked, setAsked] = useState<{ code: string; idNumber: string } | null>(null);
  const [res, reexecute] = useQuery({ query: TrackApplicationDocument, variables: asked ?? { code: '', idNumber: '' }, pause: !asked, requestPolicy: 'network-only' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ code: form.code.trim().slice(0, 100), idNumber: form.idNumber.trim().slice(0, 20) });
  };
  const a = res.data?.trackApplication;
  return (
    <>
      <PageTitle title={t('track.title')}>{t('track.title')}</PageTitle>
      <form className="form" onSubmit={submit} noValidate>
        <Field path="code" label={t('apps.code')} hint={t('track.codeHint')}>
          {(p) => <input {...p} maxLength={100} value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />}
        </Field>
        <Field path="idNumber" label={t('auth.idNumber')}>
          {(p) => <input {...p} inputMode="numeric" maxLength={20} value={form.idNumber} onChange={(e) => setForm({ ...form, idNumber: e.target.value })} />}
        </Field>
        <button type="submit" className="primary">{t('track.submit')}</button>
      </form>
      <div aria-live="polite">
        {res.fetching && <Loading />}
        <ErrorState error={res.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
        {asked && res.data && !a && <p className="empty">{t('track.none')}</p>}
        {a && (
          <dl className="summary" data-testid="track-result">
            <dt>{t('apps.code')}</dt>
            <dd>{a.code}</dd>
            <dt>{t('apps.service')}</dt>
            <dd>{a.service.name}</dd>
            <dt>{t('apps.status')}</dt>
            <dd><StatusBadge status={a.status} /></dd>
            <dt>{t('apps.submittedAt')}</dt>
            <dd>{formatDateTime(a.submittedAt, t('locale'))}</dd>
            <dt>{t('done.appointment')}</dt>
            <dd>{formatDate(a.appointmentDate)}</dd>
          </dl>
        )}
      </div>
    </>
  );
}
