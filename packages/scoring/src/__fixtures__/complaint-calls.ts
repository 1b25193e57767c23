// Hand-made calls for call-scripts/inbound/zh-CN/complaint-damaged-cup.yaml: a good agent who
// follows the 话术, and a rude one (no greeting, 禁语, talking over the customer, dead air).
import type { Line } from './scenarios.js';

/** A good agent: greeting in time, empathy, verify, confirm, offer, timeline, close. */
export const GOOD_AGENT: readonly Line[] = [
  { speaker: 'agent', text: '您好，现代生活网上超市，工号1024，很高兴为您服务。请问有什么可以帮您？' },
  { speaker: 'caller', text: '喂？你们怎么回事！我买的保温杯收到就是坏的，杯盖上一道裂缝！' },
  {
    speaker: 'agent',
    text: '王先生，非常抱歉给您带来不便，我非常理解您的心情。麻烦您提供一下订单号，我马上帮您查询。',
  },
  { speaker: 'caller', text: '嗯……你知道就好。订单号是20261108-3391，你查查吧。那你说怎么处理？' },
  { speaker: 'agent', text: '好的，我跟您确认一下，您收到的保温杯杯盖有裂纹，是吗？' },
  { speaker: 'caller', text: '对，就是裂了，根本没法用。' },
  { speaker: 'agent', text: '我们马上为您免费补寄一个新的，或者给您全额退款，您看哪种方式更方便？' },
  { speaker: 'caller', text: '那就补寄一个新的吧。破的这个要不要寄回去？新的什么时候能到？' },
  {
    speaker: 'agent',
    text: '破损的杯子不用寄回。新的保温杯今天下午就发出，预计两天内送到。您看这样处理可以吗？',
  },
  { speaker: 'caller', text: '行，那就这样吧，你这态度还可以。下次包装注意点。' },
  { speaker: 'agent', text: '好的，我们会改进包装。请问还有什么可以帮您的吗？' },
  { speaker: 'caller', text: '没别的了，就这个事。' },
  { speaker: 'agent', text: '感谢您的来电，祝您生活愉快，再见！' },
  { speaker: 'caller', text: '好，再见。' },
];

/** A rude agent: no greeting, pushes the customer away, interrupts twice, leaves 13 s of dead air. */
export const RUDE_AGENT: readonly Line[] = [
  { speaker: 'agent', text: '喂，说吧。' },
  { speaker: 'caller', text: '喂？你们怎么回事！我买的保温杯收到就是坏的，杯盖上一道裂缝！' },
  // Starts 2.5 s before the customer finishes.
  { speaker: 'agent', text: '你先冷静，听我说完。', gapMs: -2_500 },
  { speaker: 'caller', text: '你什么态度啊？东西坏了你们连句道歉都没有？我要投诉！' },
  { speaker: 'agent', text: '这个我不知道，这不归我管。', gapMs: -1_500 },
  { speaker: 'caller', text: '那你说怎么办？' },
  // 13 s of dead air before the agent answers.
  { speaker: 'agent', text: '你找快递吧。', gapMs: 13_000 },
  { speaker: 'caller', text: '算了，跟你说不清楚，我直接打12315投诉你们！' },
];

/** A good agent on call-scripts/inbound/en-US/complaint-damaged-blender-en.yaml. */
export const GOOD_AGENT_EN: readonly Line[] = [
  {
    speaker: 'agent',
    text: 'Hello, thank you for calling Modern Living Online Market, this is Anna. How can I help you today?',
  },
  {
    speaker: 'caller',
    text: "Yeah, hi. I just opened the blender I ordered and the jar is cracked right down the side. I've got a party tomorrow!",
  },
  {
    speaker: 'agent',
    text: "I'm so sorry about that, I completely understand how frustrating that is. Just to confirm, the blender jar arrived cracked, is that right?",
  },
  { speaker: 'caller', text: 'Yes, that is right, the jar is cracked. So what are my options?' },
  {
    speaker: 'agent',
    text: 'I can send you a replacement right away, or give you a full refund, whichever you prefer.',
  },
  { speaker: 'caller', text: 'A replacement. How long is that going to take?' },
  {
    speaker: 'agent',
    text: "It will ship today with express delivery, so you'll have it tomorrow. Does that work for you?",
  },
  { speaker: 'caller', text: 'Okay, that works.' },
  { speaker: 'agent', text: 'Is there anything else I can help you with?' },
  { speaker: 'caller', text: "No, that's all." },
  { speaker: 'agent', text: 'Thanks again for calling, have a great day!' },
];
