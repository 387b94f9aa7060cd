import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../app/use-error-text.ts';
import { restore, softDelete } from './registry-api.ts';

/** Deletes softly and offers 撤销 (undo) in the toast for a few seconds. */
export function useUndoableDelete() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  return async (path: string, name: string, after: () => void) => {
    try {
      await softDelete(path);
    } catch (error) {
      notifyError(error);
      return;
    }
    after();
    const key = `deleted-${path}`;
    void message.open({
      key,
      type: 'success',
      duration: 8,
      content: (
        <span>
          {t('registries.actions.deleted', { name })}{' '}
          <Button
            size="small"
            type="link"
            data-testid="undo-delete"
            onClick={async () => {
              message.destroy(key);
              try {
                await restore(path);
                void message.success(t('registries.actions.restored'));
                after();
              } catch (error) {
                notifyError(error);
              }
            }}
          >
            {t('registries.actions.undo')}
          </Button>
        </span>
      ),
    });
  };
}
