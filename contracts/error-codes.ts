/**
 * THE error codes (docs/decisions/0017-access-layer.md): every `error.code` the server sends, and the few the
 * web client makes up when no usable answer arrives, each with its HTTP status and a general text in Chinese
 * and English. The server's `AppError` only takes a code from this table, so a new code is one row here; a
 * response may carry a more specific message (which record, which rule), and the general text is what a
 * client shows when it has no message of its own. Codes are stable: clients branch on them (e.g. a stale
 * version reloads the form), so renaming one is a breaking change of the API.
 */
export const ERROR_CODES = {
  // Sessions and sign-in
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  INVALID_MFA_CODE: { status: 401, zh: '验证码错误或已使用', en: 'The verification code is wrong or already used' },
  ACCOUNT_DISABLED: { status: 403, zh: '账户已停用', en: 'The account is disabled' },
  ACCOUNT_LOCKED: { status: 423, zh: '账户已临时锁定，请稍后再试', en: 'The account is locked for a while; try again later' },
  STEP_REQUIRED: { status: 403, zh: '请先完成登录步骤（两步验证或修改密码）', en: 'Complete the sign-in step first (second factor or password change)' },
  WRONG_STAGE: { status: 409, zh: '当前登录步骤不需要此操作', en: 'This sign-in step does not need this action' },
  MFA_ALREADY_ENABLED: { status: 409, zh: '两步验证已启用', en: 'The second factor is already enabled' },
  PASSWORD_POLICY: { status: 400, zh: '密码不符合安全策略', en: 'The password does not meet the password policy' },
  CSRF_REJECTED: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request verification failed; reload the page and try again' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please slow down' },

  // Access
  FORBIDDEN: { status: 403, zh: '您无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权访问', en: 'The record does not exist or is not accessible' },
  OUT_OF_SCOPE: { status: 403, zh: '超出您的数据范围', en: 'Outside your data scope' },

  // Administration (三员分立)
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'The username is taken' },
  CANNOT_DISABLE_SELF: { status: 400, zh: '不能停用自己的账户', en: 'You cannot disable your own account' },
  CANNOT_CHANGE_OWN_ROLE: { status: 400, zh: '不能修改自己的角色', en: 'You cannot change your own role' },
  SAME_ADMIN_ROLE: { status: 403, zh: '不能管理与自己同一管理员角色的账户', en: 'You cannot manage an account of your own administrator role' },
  LAST_ADMIN_OF_ROLE: { status: 409, zh: '不能移除该管理员角色的最后一个账户', en: 'You cannot remove the last account of this administrator role' },
  SECOND_PERSON_REQUIRED: { status: 403, zh: '需要另一位管理员批准', en: 'Another administrator must approve this' },
  AUDIT_KEY_MISSING: { status: 503, zh: '审计密钥缺失，无法校验审计日志', en: 'The audit key is missing; the audit log cannot be verified' },

  // Requests and uploads
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误', en: 'The submitted data is invalid' },
  BAD_REQUEST: { status: 400, zh: '请求格式有误', en: 'Malformed request' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  UPLOAD_NOT_MULTIPART: { status: 415, zh: '请以文件上传的方式提交', en: 'Send the file as a multipart upload' },
  UPLOAD_NO_FILE: { status: 400, zh: '没有收到文件', en: 'No file was received' },
  UPLOAD_ONE_FILE: { status: 400, zh: '一次只能上传一个文件', en: 'Upload one file at a time' },
  UPLOAD_MALFORMED: { status: 400, zh: '上传的内容无法读取', en: 'The upload could not be read' },
  // An uploaded file refused by the upload guard or the workbook reader (413 when it is too large or too long).
  UPLOAD_REFUSED: { status: 400, zh: '上传的文件被拒绝', en: 'The uploaded file was refused' },
  IMPORT_REFUSED: { status: 400, zh: '导入的文件被拒绝', en: 'The imported file was refused' },
  IMPORT_QUEUE_FULL: { status: 503, zh: '导入任务较多，请稍后再试', en: 'Too many imports are running; try again shortly' },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '附件过大', en: 'The attachment is too large' },
  ATTACHMENT_TYPE_REFUSED: { status: 415, zh: '不支持的附件类型', en: 'This type of attachment is not accepted' },
  ATTACHMENT_ZIP_REFUSED: { status: 422, zh: '附件的压缩结构不安全，已拒绝', en: 'The attachment’s zip structure is unsafe and was refused' },

  // Registries
  CONFLICT: { status: 409, zh: '与现有数据冲突', en: 'This conflicts with existing data' },
  STALE_VERSION: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'Someone else changed the record; reload and try again' },
  USCC_TAKEN: { status: 409, zh: '统一社会信用代码已登记', en: 'The credit code is already registered' },
  PROJECT_CODE_TAKEN: { status: 409, zh: '项目编号已存在', en: 'The project code is taken' },
  CARRIER_CODE_TAKEN: { status: 409, zh: '载体编号已存在', en: 'The carrier code is taken' },
  PLATFORM_CODE_TAKEN: { status: 409, zh: '平台编号已存在', en: 'The platform code is taken' },
  EXPERT_CODE_TAKEN: { status: 409, zh: '专家编号已存在', en: 'The expert code is taken' },
  DEPARTMENT_CODE_TAKEN: { status: 409, zh: '单位代码已存在', en: 'The department code is taken' },
  DEPARTMENT_IN_USE: { status: 409, zh: '该单位仍被引用，不能删除', en: 'The department is still referenced and cannot be deleted' },
  MERGE_SELF: { status: 400, zh: '不能与自身合并', en: 'A record cannot be merged into itself' },
  STAGE_CHANGE_REJECTED: { status: 400, zh: '项目阶段变更不被接受', en: 'The stage change is not accepted' },

  // Monthly reports
  REPORT_EXISTS: { status: 409, zh: '该月月报已存在', en: 'A report for this month already exists' },
  REPORT_STATE: { status: 409, zh: '月报当前状态不允许此操作', en: 'The report’s status does not allow this' },
  REPORT_INVALID: { status: 400, zh: '月报数据未通过校验', en: 'The report does not pass validation' },

  // The plan (policy documents)
  POLICY_TEXT_EMPTY: { status: 422, zh: '没有可解析的政策文本', en: 'There is no policy text to parse' },
  POLICY_FILE_EMPTY: { status: 422, zh: '文件为空', en: 'The file is empty' },
  POLICY_FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  POLICY_FILE_UNSUPPORTED: { status: 415, zh: '不支持的文件类型', en: 'Unsupported file type' },
  POLICY_FILE_UNREADABLE: { status: 422, zh: '文件无法读取', en: 'The file cannot be read' },
  POLICY_PARSE_BUSY: { status: 503, zh: '解析任务较多，请稍后再试', en: 'The parser is busy; try again shortly' },
  POLICY_PARSE_TIMEOUT: { status: 413, zh: '文件过大或过于复杂，解析超时', en: 'The document is too large or complex to parse in time' },
  POLICY_PARSE_TOO_LARGE: { status: 413, zh: '文件过大，无法解析', en: 'The document is too large to parse' },

  REPORT_EXPLANATION_MISSING: { status: 400, zh: '数据波动较大但没有填写说明，不能通过', en: 'Unusual changes have no explanation, so the report cannot be passed' },

  // Warnings, forecast and analysis reports (issue 11)
  WARNING_STATE: { status: 409, zh: '预警当前状态不允许此操作', en: "The warning's current status does not allow this" },
  CONFIRMATION_REQUIRED: { status: 409, zh: '此修改影响较大，请确认后再提交', en: 'This change has a large effect; confirm it to go ahead' },
  FORECAST_NO_DATA: { status: 409, zh: '尚无已审核的月度数据，无法预测', en: 'No approved monthly figures yet: nothing to forecast from' },
  FORECAST_FAILED: { status: 500, zh: '预测计算失败', en: 'The forecast could not be computed' },
  REPORT_RENDER_FAILED: { status: 500, zh: '报告生成失败', en: 'The report could not be rendered' },
  ZONE_NOT_FOUND: { status: 404, zh: '功能区不存在', en: 'No such zone' },
  GOAL_METRIC_NOT_FOUND: { status: 404, zh: '目标指标不存在或没有计算公式', en: 'No such goal metric with a formula' },
  GOAL_NO_MILESTONE: { status: 409, zh: '该年份没有目标里程碑', en: 'The goal has no milestone for that year' },

  // Chain-based attraction (issue 13 §3)
  ATTRACTION_TARGET_CLOSED: { status: 409, zh: '该招商目标已转化或放弃，不能再修改', en: 'This target was converted or dropped and can no longer change' },
  ATTRACTION_OWNER_NOT_YOURS: { status: 403, zh: '只能把招商目标分派给本单位（区经委可分派给任何单位）', en: 'You can only assign targets to your own unit (the commission assigns to any)' },
  ATTRACTION_TARGET_EXISTS: { status: 409, zh: '该企业在此节点上已有进行中的招商目标', en: 'This company already is an open target on this node' },

  // 督办 (issue 12)
  SUPERVISION_NOT_LEAD_ITEM: { status: 409, zh: '节点计划设在牵头单位的事项上', en: "Milestones are set on the lead unit's item" },
  SUPERVISION_NOT_YOUR_ITEM: { status: 403, zh: '只有责任单位可以报送本事项的进展', en: 'Only the responsible unit reports on this item' },
  SUPERVISION_NO_WORK_PLAN: { status: 409, zh: '年度节点计划尚未制定，暂不能报送', en: 'No work plan for the year yet; reports start once milestones are set' },
  SUPERVISION_REPORT_ACCEPTED: { status: 409, zh: '该期报告已审核通过，不能再修改', en: "This period's report was accepted and can no longer change" },
  SUPERVISION_NOT_LEAD_UNIT: { status: 403, zh: '只有牵头单位可以汇总配合单位的报告', en: "Only the lead unit consolidates its co-units' reports" },

  // Enterprise services (issue 14)
  INVALID_STATE: { status: 409, zh: '当前状态不允许此操作', en: 'The record is not in a state that allows this' },
  SLOT_TAKEN: { status: 409, zh: '该时段已被预约，请选择其他时段', en: 'That slot is already booked; choose another' },
  TRAINING_REQUIRED: { status: 403, zh: '尚未完成该仪器的上机培训或培训已过期', en: 'Not trained on this instrument, or the training has expired' },
  BOOKING_STARTED: { status: 409, zh: '预约已开始，不能取消', en: 'The booking has started and can no longer be cancelled' },
  // Technology transfer 成果转化 (issue 14 §3)
  EXPERT_CONFLICTED: { status: 409, zh: '该专家与评价对象存在利益冲突，须回避', en: 'The expert has a conflict of interest with this evaluation and must stand aside' },
  INTRODUCTION_EXISTS: { status: 409, zh: '已提交过该成果的对接申请', en: 'An introduction to this listing was already requested' },
  // Services, second round (issue 14 §1/§4, docs/decisions/0029)
  BOOKING_SUSPENDED: { status: 403, zh: '因多次爽约或迟取消，贵企业在该平台的预约资格暂停', en: 'Booking on this platform is suspended after repeated no-shows or late cancellations' },
  SLOT_FREE: { status: 409, zh: '该时段空闲，可直接预约，无需候补', en: 'That slot is free; book it directly instead of joining the waitlist' },
  OFFER_EXPIRED: { status: 409, zh: '候补时段的保留已过期', en: 'The offer of this slot has expired' },
  TRAINEE_NOT_FOUND: { status: 400, zh: '未找到该企业用户账号', en: 'No active enterprise account with that user name' },
  APPLICATION_EXISTS: { status: 409, zh: '贵企业已申报过该政策', en: 'Your enterprise has already applied for this policy' },
  POLICY_NOT_APPLICABLE: { status: 409, zh: '该政策为免申即享，无需申请', en: 'This policy is awarded without application' },
  // Supply–demand matchmaking (issue 14 §2)
  MATCH_EXISTS: { status: 409, zh: '这两条供需信息已经对接过', en: 'These two postings have already been matched' },
  CONSENT_REQUIRED: { status: 409, zh: '双方均同意对接后才能查看联系方式', en: 'Contacts are shared once both sides have agreed' },
  // Carrier ladder
  TENANCY_OVERLAP: { status: 409, zh: '该企业的载体租用期重叠', en: 'The enterprise’s carrier tenancies overlap' },

  INTERNAL: { status: 500, zh: '服务器内部错误，请联系管理员并提供请求编号', en: 'Internal error; contact the administrator with the request id' },

  // Made up by the web client (never sent by the server)
  NETWORK_ERROR: { status: 0, zh: '无法连接服务器，请检查网络后重试。', en: 'Cannot reach the server. Check the network and try again.' },
  INVALID_RESPONSE: { status: 0, zh: '服务器返回的数据格式有误', en: 'The server sent an answer in an unexpected format' },
  HTTP_ERROR: { status: 0, zh: '服务器返回错误，请稍后重试', en: 'The server returned an error; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** The general text of a code in a UI language (`en…` → English, anything else → Chinese). */
export function errorCodeText(code: ErrorCode, language: string): string {
  return language.startsWith('en') ? ERROR_CODES[code].en : ERROR_CODES[code].zh;
}
