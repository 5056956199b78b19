import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ApplicationDetailDocument, CancelApplicationDocument, MyApplicationsDocument, SupplementApplicationDocument } from '../gql/graphql';
import { Documents, ErrorState, Field, formatDate, formatDateTime, formatMoney, FormAlert, Loading, PagedTable, PageTitle, usePaged } from '../ui';
import { useRequireLogin } from '../App';
import { PromotionLinks } from './PromotionLinks';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge s-${status}`}>{t(`status.${status}`)}</span>;
}

/** The citizen's applications, newest first, a page at a time. */
export function MyApplications() {
  const loggedIn = useRequireLogin();
  const { t } = useTranslation();
  const list = usePaged(MyApplicationsDocument, {}, (d) => d?.viewer?.applications, { pause: !loggedIn });
  if (!loggedIn) return null;
  return (
    <>
      <PageTitle title={t('apps.title')}>{t('apps.title')}</PageTitle>
      <PagedTable list={list} caption={t('apps.title')} empty={<>{t('apps.empty')} <Link to="/">{t('apps.find')}</Link></>} columns={[
        { header: t('apps.code'), cell: (a) => <Link to={`/applications/${encodeURIComponent(a.id)}`}>{a.code}</Link> },
        { header: t('apps.service'), cell: (a) => a.service.name },
        { header: t('apps.status'), cell: (a) => <StatusBadge status={a.status} /> },
        { header: t('done.appointment'), cell: (a) => formatDate(a.appointmentDate) },
      ]} />
    </>
  );
}

/** One application with its history; cancel before receipt, supplement when asked. */
export function ApplicationPage() {
  const loggedIn = useRequireLogin();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [res, reexecute] = useQuery({ query: ApplicationDetailDocument, variables: { id }, pause: !loggedIn });
  const [cancelRes, cancel] = useMutation(CancelApplicationDocument);
  const [suppRes, supplement] = useMutation(SupplementApplicationDocument);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  if (!loggedIn) return null;
  if (res.fetching && !res.data) return <Loading />;
  if (res.error) return <ErrorState error={res.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const a = res.data?.node && 'code' in res.data.node ? res.data.node : null;
  if (!a)
    return (
      <>
        <PageTitle title={t('apps.notFound')}>{t('apps.notFound')}</PageTitle>
        <Link to="/applications">{t('nav.mine')}</Link>
      </>
    );
  // What the agency last said when it asked for a supplement or rejected: shown where the citizen acts on it.
  const lastNote = (action: string) => [...a.history].reverse().find((h) => h.action === action)?.note ?? '';
  const asked = lastNote('REQUEST_SUPPLEMENT');
  const rejected = a.status === 'REJECTED' ? lastNote('REJECT') : '';
  const onCancel = async () => {
    if (!window.confirm(t('apps.cancelConfirm'))) return;
    const r = await cancel({ input: { applicationId: a.id } });
    setErrors(r.data?.cancelApplication.userErrors.map((e) => e.message) ?? []);
    reexecute({ requestPolicy: 'network-only' });
  };
  const onSupplement = async (e: FormEvent) => {
    e.preventDefault();
    const r = await supplement({ input: { applicationId: a.id, note: note.trim() || null } });
    setErrors(r.data?.supplementApplication.userErrors.map((x) => x.message) ?? []);
    reexecute({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <p className="crumbs"><Link to="/applications">{t('nav.mine')}</Link></p>
      <PageTitle title={a.code}>{t('apps.detailTitle', { code: a.code })}</PageTitle>
      <FormAlert messages={errors} />
      <ErrorState error={cancelRes.error ?? suppRes.error} />
      <dl className="summary">
        <dt>{t('apps.service')}</dt>
        <dd>{a.service.name} ({a.service.agency.name})</dd>
        <dt>{t('apps.status')}</dt>
        <dd data-testid="app-status"><StatusBadge status={a.status} /></dd>
        {rejected && (
          <>
            <dt>{t('apps.rejectReason')}</dt>
            <dd data-testid="reject-reason">{rejected}</dd>
          </>
        )}
        <dt>{t('apps.submittedAt')}</dt>
        <dd>{formatDateTime(a.submittedAt, t('locale'))}</dd>
        <dt>{t('done.appointment')}</dt>
        <dd>{formatDate(a.appointmentDate)}</dd>
        <dt>{t('reissue.method')}</dt>
        <dd>
          {t(`delivery.${a.delivery.method}`)}
          {a.delivery.office && ` — ${a.delivery.office.name}, ${a.delivery.office.address}`}
          {a.delivery.address && ` — ${a.delivery.address.formatted} (${a.delivery.address.recipientName}, ${a.delivery.address.recipientPhone})`}
        </dd>
        <dt>{t('service.fee')}</dt>
        <dd>{formatMoney(a.fee.amount, t('locale'), t('service.free'))}</dd>
      </dl>
      {a.status === 'SUBMITTED' && (
        <p>
          <button type="button" className="secondary" onClick={onCancel} disabled={cancelRes.fetching}>
            {t('apps.cancel')}
          </button>
        </p>
      )}
      {a.status === 'SUPPLEMENT_REQUESTED' && (
        <form className="form" onSubmit={onSupplement}>
          <h2>{t('apps.supplementTitle')}</h2>
          <Field path="note" label={t('apps.supplementNote')} hint={asked ? t('apps.asked', { note: asked }) : undefined}>
            {(p) => <textarea {...p} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <button type="submit" className="primary" disabled={suppRes.fetching}>{t('apps.supplement')}</button>
        </form>
      )}
      <Documents docs={a.documents} />
      <PromotionLinks id={a.id} serviceCode={a.service.code} />
      <h2>{t('apps.history')}</h2>
      <ol className="history" data-testid="history">
        {a.history.map((h, i) => (
          <li key={i}>
            <span className="muted">{formatDateTime(h.at, t('locale'))}</span> · {t(`action.${h.action}`)} · {t(`actor.${h.actor}`)} ·{' '}
            <StatusBadge status={h.status} />
            {h.note && <p className="note">{h.note}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}
