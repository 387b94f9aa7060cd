import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Empty, Form, Input, List, Modal, Popconfirm, Select, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CHAIN_STAGES, chainNodeInputSchema, chainNodeMembersSchema, chainTemplateListSchema, type ChainTemplateView } from '../../../../contracts/chains.ts';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { HistoryTab } from '../registries/shared/history-tab.tsx';
import { can } from '../../../../contracts/permissions.ts';
import { invalidateReferenceData, localName } from '../registries/shared/reference.ts';
import '../registries/shared/registries.css';

type Node = ChainTemplateView['nodes'][number];

/** 产业链: one tab per domain's template, nodes in upstream / midstream / downstream columns, members per node. */
export function ChainsPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const role = useSession().session?.user.role;
  const canEdit = can(role, 'chain.write');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate } = useContractForm();
  const { data, error, reload } = useAsync((signal) => api.get('/api/chains', chainTemplateListSchema, { signal }), []);
  const [override, setOverride] = useState<ChainTemplateView[] | null>(null);
  const [active, setActive] = useState<string | undefined>();
  const [showing, setShowing] = useState<Node | null>(null);
  const [editing, setEditing] = useState<{ templateId: string; node: Node | null } | null>(null);
  const [form] = Form.useForm();
  const templates = override ?? data?.items ?? [];
  const members = useAsync((signal) => (showing ? api.get(`/api/chains/nodes/${showing.id}`, chainNodeMembersSchema, { signal }) : Promise.resolve(null)), [showing?.id]);
  if (error) return <LoadError error={error} onRetry={reload} />;

  const saveNode = async () => {
    if (!editing) return;
    const values = form.getFieldsValue(true);
    const body = validate(form, chainNodeInputSchema, values);
    if (!body) return;
    try {
      const result = editing.node
        ? await api.put(`/api/chains/nodes/${editing.node.id}`, chainTemplateListSchema, { body: { ...body, version: editing.node.version } })
        : await api.post(`/api/chains/${editing.templateId}/nodes`, chainTemplateListSchema, { body });
      setOverride(result.items);
      invalidateReferenceData();
      setEditing(null);
      void message.success(t('registries.actions.saved'));
    } catch (e) {
      notifyError(e);
    }
  };
  const removeNode = async (node: Node) => {
    try {
      await api.command('DELETE', `/api/chains/nodes/${node.id}`);
      invalidateReferenceData();
      setOverride(null);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const openEditor = (templateId: string, node: Node | null) => {
    form.resetFields();
    form.setFieldsValue(node ? { nameZh: node.nameZh, nameEn: node.nameEn, stage: node.stage, kind: node.kind, sortOrder: node.sortOrder } : { stage: 'upstream', kind: 'mixed' });
    setEditing({ templateId, node });
  };

  return (
    <>
      <PageHeader title={t('nav.chains')} subtitle={t('registries.chains.subtitle')} />
      <Card>
        <Tabs
          activeKey={active ?? templates[0]?.id}
          onChange={setActive}
          items={templates.map((tpl) => ({
            key: tpl.id,
            label: `${localName(tpl, english)} · ${t('registries.chains.nodes', { count: tpl.nodes.length })}`,
            children: (
              <>
                {canEdit && (
                  <Button className="form-alert" icon={<PlusOutlined />} onClick={() => openEditor(tpl.id, null)}>
                    {t('registries.chains.addNode')}
                  </Button>
                )}
                <div className="chain-columns" data-testid="chain-columns">
                  {CHAIN_STAGES.map((stage) => (
                    <div key={stage}>
                      <h3>{t(`registries.options.chainStage.${stage}`)}</h3>
                      {tpl.nodes
                        .filter((n) => n.stage === stage)
                        .map((n) => (
                          <div key={n.id} className="chain-node" onClick={() => setShowing(n)}>
                            <div>{localName(n, english)}</div>
                            <div className="chain-node__counts">
                              {t('registries.chains.enterprises', { count: n.enterpriseCount })} · {t('registries.chains.projects', { count: n.projectCount })}
                              {canEdit && (
                                <Button
                                  size="small"
                                  type="link"
                                  icon={<EditOutlined />}
                                  onClick={(e) => {
                                    e.stopPropagation();
                                    openEditor(tpl.id, n);
                                  }}
                                />
                              )}
                            </div>
                          </div>
                        ))}
                    </div>
                  ))}
                </div>
              </>
            ),
          }))}
        />
      </Card>
      <Drawer open={showing !== null} width={600} title={showing ? localName(showing, english) : ''} onClose={() => setShowing(null)} destroyOnClose
        extra={canEdit && showing && (
          <Popconfirm title={t('registries.chains.confirmDeleteNode', { name: showing.nameZh })} onConfirm={() => { const n = showing; setShowing(null); void removeNode(n); }}>
            <Button danger>{t('registries.chains.deleteNode')}</Button>
          </Popconfirm>
        )}
      >
        <h3>{t('registries.chains.members')}</h3>
        {members.data && members.data.enterprises.length + members.data.projects.length === 0 ? (
          <Empty description={t('registries.chains.noMembers')} />
        ) : (
          <>
            <List
              size="small"
              loading={members.loading}
              dataSource={members.data?.enterprises}
              renderItem={(e) => (
                <List.Item>
                  <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
                  {e.isPrimary && <Tag color="green">{t('registries.enterprises.primaryNode')}</Tag>}
                </List.Item>
              )}
            />
            <List
              size="small"
              loading={members.loading}
              dataSource={members.data?.projects}
              renderItem={(p) => (
                <List.Item>
                  <Link to={`/projects/${p.id}`}>{p.name}</Link>
                  <Tag>{t(`registries.options.projectStage.${p.stage as 'lead'}`)}</Tag>
                </List.Item>
              )}
            />
          </>
        )}
        {showing && (
          <>
            <h3 className="form-actions">{t('registries.history.title')}</h3>
            <HistoryTab path={`/api/chains/nodes/${showing.id}/history`} />
          </>
        )}
      </Drawer>
      <Modal open={editing !== null} title={editing?.node ? t('registries.chains.editNode') : t('registries.chains.addNode')} onCancel={() => setEditing(null)} onOk={() => void saveNode()} okText={t('registries.actions.save')} destroyOnClose>
        <Form form={form} layout="vertical">
          <Space wrap>
            <Form.Item name="nameZh" label={t('registries.fields.nameZh')} required>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="nameEn" label={t('registries.fields.nameEn')} required>
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item name="stage" label={t('registries.fields.stage')}>
              <Select style={{ width: 140 }} options={CHAIN_STAGES.map((s) => ({ value: s, label: t(`registries.options.chainStage.${s}`) }))} />
            </Form.Item>
            <Form.Item name="kind" label={t('registries.fields.kind')}>
              <Select style={{ width: 180 }} options={(['manufacturing', 'service', 'mixed'] as const).map((k) => ({ value: k, label: t(`registries.options.chainKind.${k}`) }))} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

