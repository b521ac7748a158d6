import { useActions, useAppState } from '../state/hooks';

/** A bad link, a kept draft: said once, plainly, with the way back. */
export function NoticeBar() {
  const notice = useAppState((s) => s.notice);
  const draft = useAppState((s) => s.recoverableDraft);
  const actions = useActions();
  if (!notice && !draft) return null;
  return (
    <div
      className={`notice notice-${notice?.kind ?? 'info'}`}
      role={notice?.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      {notice && <span>{notice.text}</span>}
      {draft && (
        <button type="button" onClick={() => actions.restoreDraft()}>
          Restore my local draft
        </button>
      )}
      {notice && (
        <button type="button" onClick={() => actions.dismissNotice()}>
          Dismiss
        </button>
      )}
    </div>
  );
}
