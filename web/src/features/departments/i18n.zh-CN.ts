/** 部门 / 责任单位 registry page strings (Chinese, the reference). */
export const departmentsZhCN = {
  subtitle: '区级责任单位：规划任务、项目和部门账户的归属',
  searchPlaceholder: '全称、简称、代码或联系人',
  fullName: '部门全称',
  create: '新建部门',
  createTitle: '新建部门',
  editTitle: '编辑部门',
  references: '引用情况',
  referenceCounts: '现行规划任务 {{planTasks}} 项 · 项目 {{projects}} 个 · 用户账户 {{users}} 个',
  inUseHint: '仍被引用的部门不能删除，请先调整相关任务、项目或账户。',
  codeHint: '小写字母、数字和连字符，如 kewei',
  sortOrderHint: '数字小的排在前面',
  ownOnly: '部门账户只能查看本部门的信息。',
};
