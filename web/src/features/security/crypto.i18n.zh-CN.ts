/** The security settings page's card on the cryptographic suite and keys (settings.crypto). */
export const cryptoZhCN = {
  title: '密码算法与密钥',
  suite: '算法套件',
  suites: { gm: '商用密码（国密 SM3/SM4）', intl: '国际算法（SHA-256/AES）' },
  hash: '杂凑',
  mac: '完整性（审计日志）',
  cipher: '加密（敏感字段、两步验证种子）',
  recordedAt: '首次启动时记录',
  migratedAt: '最近切换',
  keys: '密钥（保存在数据库之外，不进入备份）',
  purposes: { seeds: '两步验证种子', audit: '审计日志完整性', fields: '个人信息字段' },
  missing: '缺失',
  rotating_one: '轮换未完成（{{count}} 个密钥）',
  rotating_other: '轮换未完成（{{count}} 个密钥）',
  hint: '切换套件与轮换密钥用命令行：npx biomfg crypto migrate --to gm、npx biomfg crypto rotate --key …（需停止服务）。',
};
