/**
 * A DingTalk custom robot: `POST https://oapi.dingtalk.com/robot/send?access_token=…`, with `&timestamp=…&sign=…`
 * when the robot signs ("加签"), a markdown or text message, and an answer that is HTTP 200 either way: the
 * `errcode` says (0 taken; 130101 sent too fast, over 20 a minute; 310000 sign, keyword or IP refused).
 */
import { z } from 'zod';
import { NotificationError } from '../errors';
import { dingtalkSign } from '../sign';
import { judgeStatus, type ChannelSpec } from './channel';

const RATE_LIMITED = 130101;

const answerSchema = z.object({ errcode: z.number(), errmsg: z.string().optional() });

export const dingtalk: ChannelSpec = {
  title: 'DingTalk robot',
  urlProblem: (url) => (url.searchParams.get('access_token') ? undefined : 'must carry the robot’s access_token (copy the whole webhook address)'),
  urlSecrets: (url) => [url.searchParams.get('access_token') ?? ''].filter(Boolean),
  request(config, { message, now }) {
    const url = config.secret ? `${config.url}&timestamp=${now}&sign=${dingtalkSign(config.secret, now)}` : config.url;
    const body =
      config.format === 'markdown'
        ? { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } }
        : { msgtype: 'text', text: { content: message.text } };
    return { url, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
  },
  judge(status, body, target) {
    judgeStatus(status, target);
    let answer: z.infer<typeof answerSchema>;
    try {
      answer = answerSchema.parse(JSON.parse(body));
    } catch {
      throw new NotificationError('NOTIFY_UNEXPECTED_RESPONSE', `${target} answered HTTP ${status} without an errcode`, { httpStatus: status });
    }
    if (answer.errcode === 0) return;
    const details = { httpStatus: status, serviceCode: String(answer.errcode) };
    const said = `errcode ${answer.errcode}${answer.errmsg ? `: ${answer.errmsg}` : ''}`;
    if (answer.errcode === RATE_LIMITED) throw new NotificationError('NOTIFY_RATE_LIMITED', `${target} is rate limited (${said}); a robot takes 20 messages a minute`, details);
    throw new NotificationError('NOTIFY_REJECTED', `${target} refused the message (${said})`, details);
  },
};
