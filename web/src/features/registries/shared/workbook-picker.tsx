import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';
import { useTranslation } from 'react-i18next';

export const MAX_UPLOAD_MB = 20;

/**
 * The .xlsx chooser of the import dialogs: one file, dragged or picked, kept in the dialog's state (never
 * uploaded by antd itself). A file that is not .xlsx — `accept` does not stop a dragged one — or is over the
 * upload limit is refused here with a message, before any byte is sent.
 */
export function WorkbookPicker({ file, disabled, onChange, onRefused }: { file: File | null; disabled?: boolean; onChange: (file: File | null) => void; onRefused: (message: string) => void }) {
  const { t } = useTranslation();
  return (
    <Upload.Dragger
      accept=".xlsx"
      maxCount={1}
      disabled={disabled}
      beforeUpload={(f) => {
        if (!/\.xlsx$/i.test(f.name)) {
          onRefused(t('registries.io.wrongType', { name: f.name }));
          return Upload.LIST_IGNORE;
        }
        if (f.size > MAX_UPLOAD_MB * 1024 * 1024) {
          onRefused(t('registries.io.tooLarge', { mb: MAX_UPLOAD_MB }));
          return Upload.LIST_IGNORE;
        }
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(null)}
      fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p>{t('registries.io.chooseFile')}</p>
      <p className="muted">{t('registries.io.fileHint', { mb: MAX_UPLOAD_MB })}</p>
    </Upload.Dragger>
  );
}
