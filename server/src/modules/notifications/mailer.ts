import nodemailer, { type Transporter } from 'nodemailer';

/**
 * Outgoing mail for notification copies, through the SMTP server of SMTP_URL. One transport per URL per
 * process (it keeps no connection open between messages: pooling is off, notices are few).
 */
const transports = new Map<string, Transporter>();

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export async function sendMail(smtpUrl: string, from: string, message: MailMessage): Promise<void> {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Intranet mail servers often have certificates of an internal authority; smtps:// still verifies them
    // unless the URL says otherwise (tls.rejectUnauthorized is read from the URL's query).
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
}
