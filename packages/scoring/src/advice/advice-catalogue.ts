// One line of advice per item outcome, in zh-CN and en-US. Keys are `<item>.<outcome>`;
// `{steps}` is filled with step labels by adviceFor. Guarantees: every key has both
// languages (the type makes a missing one a compile error).
import type { LocalizedText } from '../model/call-score.js';

export const ADVICE = {
  'answer-time.good': {
    'zh-CN': '接听及时，继续保持三声之内接起。',
    'en-US': 'Answered promptly — keep picking up within three rings.',
  },
  'answer-time.slow': {
    'zh-CN': '响铃三声（约15秒）内接起电话，就绪前先准备好耳麦和资料。',
    'en-US':
      'Pick up within three rings (about 15 s); have your headset and notes ready before you go Ready.',
  },
  'answer-time.na': {
    'zh-CN': '呼出电话或没有振铃记录，不评接听速度。',
    'en-US': 'Outbound call or no ring record: answer speed is not scored.',
  },
  'speech-rate.good': {
    'zh-CN': '语速适中，保持这个节奏。',
    'en-US': 'Your pace is comfortable; keep this rhythm.',
  },
  'speech-rate.fast': {
    'zh-CN': '语速偏快，放慢一些，说完重要信息后稍作停顿。',
    'en-US': 'You speak too fast; slow down and pause after key information.',
  },
  'speech-rate.slow': {
    'zh-CN': '语速偏慢，表达再紧凑一些，避免拖音。',
    'en-US': 'You speak too slowly; tighten your delivery and avoid drawn-out words.',
  },
  'speech-rate.na': {
    'zh-CN': '没有客服的文字记录或录音，无法计算语速。',
    'en-US': 'No agent transcript or recording: speech rate not measured.',
  },
  'response-latency.good': {
    'zh-CN': '客户说完后回应及时。',
    'en-US': 'You answer promptly when the customer stops.',
  },
  'response-latency.slow': {
    'zh-CN': '客户说完后尽快回应，可先说“好的，我明白”承接，再组织答案。',
    'en-US': 'Answer sooner when the customer stops; acknowledge first ("I see") while you think.',
  },
  'response-latency.na': {
    'zh-CN': '没有可衡量的客户—客服应答轮次。',
    'en-US': 'No customer turn followed by an agent reply to measure.',
  },
  'dead-air.good': { 'zh-CN': '通话中没有长时间冷场。', 'en-US': 'No long silences in the call.' },
  'dead-air.some': {
    'zh-CN': '有几处停顿偏长，查询时告诉客户您正在做什么。',
    'en-US': 'Some pauses ran long; tell the customer what you are doing while you look things up.',
  },
  'dead-air.bad': {
    'zh-CN': '避免冷场：需要查询时先说明在做什么、需要多久，必要时先征得同意再保留通话。',
    'en-US':
      'Avoid dead air: say what you are doing and how long it takes, or ask to put the caller on hold.',
  },
  'dead-air.na': {
    'zh-CN': '没有通话语音记录，无法判断冷场。',
    'en-US': 'No speech in the transcript: dead air not measured.',
  },
  'hold-etiquette.good': { 'zh-CN': '保留通话的礼仪到位。', 'en-US': 'Your hold etiquette was right.' },
  'hold-etiquette.poor': {
    'zh-CN': '保留前征得同意并说明大约多久，每60秒内回来确认一次，回来先说“感谢您的耐心等待”。',
    'en-US':
      'Before a hold ask permission and say how long; check back within 60 s; thank the caller on return.',
  },
  'hold-etiquette.na': { 'zh-CN': '本次通话没有保留。', 'en-US': 'No hold in this call.' },
  'handle-time.good': { 'zh-CN': '通话时长在目标之内。', 'en-US': 'Handle time within target.' },
  'handle-time.long': {
    'zh-CN': '通话偏长：尽早确认需求，给出一个清晰方案，减少重复。',
    'en-US':
      'The call ran long: pin down the need early, give one clear solution and avoid repeating yourself.',
  },
  'handle-time.na': {
    'zh-CN': '不知道通话时长，不评处理时长。',
    'en-US': 'Call length unknown: handle time not scored.',
  },
  'pitch-movement.good': {
    'zh-CN': '语调有起伏，听起来自然、有亲和力。',
    'en-US': 'Your intonation is lively and natural.',
  },
  'pitch-movement.monotone': {
    'zh-CN': '语调平淡，重点词稍加强调，让句调自然起伏。',
    'en-US': 'Monotone: stress key words and let your pitch rise and fall naturally.',
  },
  'pitch-movement.wide': {
    'zh-CN': '语调起伏过大，保持平稳从容。',
    'en-US': 'Your pitch swings a lot; keep your voice steady and calm.',
  },
  'pitch-movement.na': {
    'zh-CN': '没有录音（或录音中没有浊音），无法分析语调。',
    'en-US': 'No recording (or no voiced speech in it): intonation not analyzed.',
  },
  'loudness-level.good': { 'zh-CN': '音量适中。', 'en-US': 'Your volume is right.' },
  'loudness-level.quiet': {
    'zh-CN': '音量偏小，靠近话筒一些或稍微提高音量。',
    'en-US': 'Too quiet: move closer to the microphone or speak up a little.',
  },
  'loudness-level.loud': {
    'zh-CN': '音量偏大，离话筒远一点，避免喷麦。',
    'en-US': 'Too loud: move back from the microphone.',
  },
  'loudness-level.na': { 'zh-CN': '没有录音，无法分析音量。', 'en-US': 'No recording: volume not analyzed.' },
  'loudness-stability.good': { 'zh-CN': '音量平稳。', 'en-US': 'Your volume is steady.' },
  'loudness-stability.flat': {
    'zh-CN': '音量缺少变化，重要信息可以稍微加重。',
    'en-US': 'Your loudness barely changes; give key information a little more weight.',
  },
  'loudness-stability.unsteady': {
    'zh-CN': '音量忽大忽小，保持与话筒的距离不变。',
    'en-US': 'Your volume jumps up and down; keep a steady distance from the microphone.',
  },
  'loudness-stability.na': {
    'zh-CN': '没有录音，无法分析音量变化。',
    'en-US': 'No recording: loudness stability not analyzed.',
  },
  'warmth.good': { 'zh-CN': '声音带着微笑，很有亲和力。', 'en-US': 'Your voice sounds warm and smiling.' },
  'warmth.low': {
    'zh-CN': '微笑着说话，声音会更亲切——和自己的微笑朗读录音比一比。',
    'en-US': 'Smile while you talk; compare with your own smiling reading.',
  },
  'warmth.na-baseline': {
    'zh-CN': '先录一段平常语气和微笑语气的朗读作为基准，才能估计声音的亲和力。',
    'en-US': 'Record a neutral and a smiling reading as your baseline to get a warmth estimate.',
  },
  'warmth.na-audio': {
    'zh-CN': '没有录音，无法估计声音的亲和力。',
    'en-US': 'No recording: warmth not estimated.',
  },
  'talk-share.good': { 'zh-CN': '说与听的比例合适。', 'en-US': 'A good balance of talking and listening.' },
  'talk-share.high': {
    'zh-CN': '你说得偏多，多提问、多倾听客户。',
    'en-US': 'You talk too much; ask questions and listen more.',
  },
  'talk-share.low': {
    'zh-CN': '你说得偏少，主动引导对话、给出信息。',
    'en-US': 'You talk too little; lead the conversation and give information.',
  },
  'talk-share.na': {
    'zh-CN': '没有通话语音记录，无法计算说话占比。',
    'en-US': 'No speech in the transcript: talk share not measured.',
  },
  'overtalk.good': { 'zh-CN': '很少与客户同时说话。', 'en-US': 'Little overtalk.' },
  'overtalk.high': {
    'zh-CN': '双方同时说话太多，等客户说完再开口。',
    'en-US': 'Too much talking over each other; wait for the customer to finish.',
  },
  'overtalk.na': {
    'zh-CN': '没有通话语音记录，无法计算抢话。',
    'en-US': 'No speech in the transcript: overtalk not measured.',
  },
  'interruptions.good': { 'zh-CN': '没有打断客户。', 'en-US': 'You never interrupted the customer.' },
  'interruptions.bad': {
    'zh-CN': '不要打断客户，耐心听完再回应。',
    'en-US': 'Do not interrupt; let the customer finish before you answer.',
  },
  'forbidden-phrases.good': { 'zh-CN': '没有使用服务禁语。', 'en-US': 'No forbidden phrases.' },
  'forbidden-phrases.bad': {
    'zh-CN': '避免服务禁语，换成积极的说法，如“我帮您确认一下”。',
    'en-US': 'Avoid forbidden phrases; use positive wording such as "let me check that for you".',
  },
  'forbidden-phrases.fatal': {
    'zh-CN': '出现严重服务禁语，本次通话不合格。',
    'en-US': 'A fatal phrase was used: this call fails.',
  },
  'script-steps.good': { 'zh-CN': '话术步骤完整。', 'en-US': 'Every script step was covered.' },
  'script-steps.missing-optional': {
    'zh-CN': '还可以补上这些话术：{steps}。',
    'en-US': 'You could also cover: {steps}.',
  },
  'script-steps.missing-required': {
    'zh-CN': '漏掉了必说的话术：{steps}。',
    'en-US': 'Required steps missing: {steps}.',
  },
  'script-steps.na': { 'zh-CN': '这个场景没有话术步骤。', 'en-US': 'This scenario has no script steps.' },
  'phase-order.good': {
    'zh-CN': '通话按开头—正文—结束的顺序进行。',
    'en-US': 'The call followed opening → body → closing.',
  },
  'phase-order.bad': {
    'zh-CN': '按开头—正文—结束的顺序推进，这些话术说晚了：{steps}。',
    'en-US': 'Keep the order opening → body → closing; these came out of order: {steps}.',
  },
  'step-timing.good': { 'zh-CN': '限时话术都按时说出。', 'en-US': 'Timed steps were said in time.' },
  'step-timing.late': {
    'zh-CN': '这些话术要在规定时间内说（如接通15秒内报公司和工号）：{steps}。',
    'en-US': 'Say these within their time limit (e.g. company and name within 15 s): {steps}.',
  },
  'step-timing.na': { 'zh-CN': '没有限时的话术步骤。', 'en-US': 'No timed script steps.' },
} as const satisfies Record<string, LocalizedText>;

/** A key of the advice catalogue. */
export type AdviceKey = keyof typeof ADVICE;

/** The advice line for `key`, with `{steps}` replaced by `steps` joined per language. */
export function adviceFor(key: AdviceKey, steps: readonly string[] = []): LocalizedText {
  const entry: LocalizedText = ADVICE[key];
  if (steps.length === 0) return { 'zh-CN': entry['zh-CN'], 'en-US': entry['en-US'] };
  return {
    'zh-CN': entry['zh-CN'].replace('{steps}', steps.join('、')),
    'en-US': entry['en-US'].replace('{steps}', steps.join(', ')),
  };
}
