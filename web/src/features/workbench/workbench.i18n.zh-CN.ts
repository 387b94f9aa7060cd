/** 工作台: each role's to-dos on the home page. */
export const workbenchZhCN = {
  title: '工作台',
  loading: '正在统计待办…',
  nothing: '暂无待办事项',
  open: '查看',
  items: {
    toApprove: '待区经委审定的月报',
    toReview: '待园区审核的月报',
    awaitingPark: '园区审核中的月报',
    returned: '已退回、待企业修改的月报',
    owing: '{{period}} 未报或未审定的企业（催报）',
    drafts: '尚未提交的月报草稿',
    nextDue: '{{period}} 月报待填报，截止 {{deadline}}',
    nextDueDone: '已报到 {{period}}，下一期在月末后填报',
    myReturned: '被退回、需要修改后重新提交的月报',
    projects: '本单位负责的项目',
    plan: '规划任务与目标进展',
  },
};
