// Built-in rubrics, from QA forms seen in the field (shared domain notes): the inbound
// telecom form (warmth 40 / handling 40 / knowledge 20), the outbound sales form, and the
// "best voice" contest rubric. A class may replace any of them; these are the defaults.
import type { RubricDto, RubricKind } from '@callsim/protocol';

/** Which rubric a call of a scenario category is reviewed with by default. */
export function rubricKindForCategory(category: string): RubricKind {
  return category === 'followup' || category === 'promotion' || category === 'care' ? 'outbound' : 'inbound';
}

const INBOUND: RubricDto = {
  kind: 'inbound',
  classId: null,
  custom: false,
  passPct: 60,
  updatedAtMs: null,
  items: [
    {
      id: 'warmth',
      label: { 'zh-CN': '服务热情', 'en-US': 'Service warmth' },
      description: {
        'zh-CN': '服务态度、规范用语、礼貌、理解客户需求',
        'en-US': 'Attitude, standard phrases, politeness, understanding the need',
      },
      maxPoints: 40,
      autoRefs: ['tone', 'courtesy'],
    },
    {
      id: 'handling',
      label: { 'zh-CN': '通话处理', 'en-US': 'In-call handling' },
      description: {
        'zh-CN': '流程完整、应答及时、控制节奏、确认与结束',
        'en-US': 'Complete flow, prompt replies, pacing, confirming and closing',
      },
      maxPoints: 40,
      autoRefs: ['script', 'speed'],
    },
    {
      id: 'knowledge',
      label: { 'zh-CN': '业务知识', 'en-US': 'Product knowledge' },
      description: {
        'zh-CN': '对商品与政策的解答准确、完整',
        'en-US': 'Accurate, complete answers about products and policies',
      },
      maxPoints: 20,
      autoRefs: ['script-steps'],
    },
  ],
  deductions: [
    { id: 'interrupting', label: { 'zh-CN': '打断客户', 'en-US': 'Interrupting the customer' }, points: 5 },
    { id: 'dead-air', label: { 'zh-CN': '冷场（无声）', 'en-US': 'Dead air' }, points: 1 },
    {
      id: 'not-slowing',
      label: { 'zh-CN': '客户两次询问仍未放慢语速', 'en-US': 'Not slowing down after two requests' },
      points: 2,
    },
  ],
};

const OUTBOUND: RubricDto = {
  kind: 'outbound',
  classId: null,
  custom: false,
  passPct: 60,
  updatedAtMs: null,
  items: [
    {
      id: 'preparation',
      label: { 'zh-CN': '呼前准备', 'en-US': 'Preparation' },
      description: { 'zh-CN': '了解客户资料与本次目的', 'en-US': 'Knows the customer and the purpose' },
      maxPoints: 10,
      autoRefs: [],
    },
    {
      id: 'opening',
      label: { 'zh-CN': '开场白', 'en-US': 'Opening' },
      description: {
        'zh-CN': '核实身份、说明来意、征询是否方便',
        'en-US': 'Confirms identity, states the purpose, asks if now is convenient',
      },
      maxPoints: 15,
      autoRefs: ['phase-order', 'script-steps'],
    },
    {
      id: 'presentation',
      label: { 'zh-CN': '产品介绍', 'en-US': 'Product presentation' },
      description: { 'zh-CN': '特点—优势—利益（FAB）', 'en-US': 'Feature, advantage, benefit' },
      maxPoints: 20,
      autoRefs: ['script-steps'],
    },
    {
      id: 'needs-objections',
      label: { 'zh-CN': '需求探询与异议处理', 'en-US': 'Needs and objections' },
      description: {
        'zh-CN': '开放与封闭式提问；处理“太贵”“不需要”“考虑一下”',
        'en-US': 'Open and closed questions; handles "too expensive", "not interested", "let me think"',
      },
      maxPoints: 20,
      autoRefs: ['script'],
    },
    {
      id: 'asking-order',
      label: { 'zh-CN': '促成交易', 'en-US': 'Asking for the order' },
      description: {
        'zh-CN': '适时提出成交，两次明确拒绝后停止',
        'en-US': 'Asks for the order at the right time; stops after two clear refusals',
      },
      maxPoints: 15,
      autoRefs: ['script'],
    },
    {
      id: 'closing',
      label: { 'zh-CN': '结束语', 'en-US': 'Closing' },
      description: {
        'zh-CN': '确认后续安排、致谢道别',
        'en-US': 'Confirms next steps, thanks, says goodbye',
      },
      maxPoints: 10,
      autoRefs: ['step-timing'],
    },
    {
      id: 'voice-language',
      label: { 'zh-CN': '语音语言技巧', 'en-US': 'Voice and language technique' },
      description: { 'zh-CN': '语速、语调、用语规范', 'en-US': 'Pace, intonation, standard wording' },
      maxPoints: 10,
      autoRefs: ['tone', 'speed'],
    },
  ],
  deductions: [
    { id: 'interrupting', label: { 'zh-CN': '打断客户', 'en-US': 'Interrupting the customer' }, points: 5 },
    { id: 'dead-air', label: { 'zh-CN': '冷场（无声）', 'en-US': 'Dead air' }, points: 1 },
  ],
};

const CONTEST: RubricDto = {
  kind: 'contest',
  classId: null,
  custom: false,
  passPct: 60,
  updatedAtMs: null,
  items: [
    {
      id: 'pronunciation',
      label: { 'zh-CN': '发音标准', 'en-US': 'Pronunciation' },
      description: { 'zh-CN': '普通话标准、吐字清晰', 'en-US': 'Standard, clear pronunciation' },
      maxPoints: 30,
      autoRefs: [],
    },
    {
      id: 'pace',
      label: { 'zh-CN': '语速适中', 'en-US': 'Pace' },
      description: { 'zh-CN': '语速适中、停顿得当', 'en-US': 'Moderate pace, well-placed pauses' },
      maxPoints: 20,
      autoRefs: ['speech-rate'],
    },
    {
      id: 'intonation',
      label: { 'zh-CN': '语调生动', 'en-US': 'Intonation liveliness' },
      description: { 'zh-CN': '抑扬顿挫、不平淡', 'en-US': 'Lively, not flat' },
      maxPoints: 20,
      autoRefs: ['pitch-movement'],
    },
    {
      id: 'warmth',
      label: { 'zh-CN': '微笑服务', 'en-US': 'Warmth / smile' },
      description: { 'zh-CN': '声音亲切、带着微笑', 'en-US': 'A friendly, smiling voice' },
      maxPoints: 20,
      autoRefs: ['warmth'],
    },
    {
      id: 'phrases',
      label: { 'zh-CN': '规范用语', 'en-US': 'Standard phrases' },
      description: { 'zh-CN': '使用服务规范用语', 'en-US': 'Uses the standard service phrases' },
      maxPoints: 10,
      autoRefs: ['script-steps'],
    },
  ],
  deductions: [],
};

const DEFAULTS: Record<RubricKind, RubricDto> = { inbound: INBOUND, outbound: OUTBOUND, contest: CONTEST };

/** A fresh copy of the built-in rubric of a kind. */
export function defaultRubric(kind: RubricKind): RubricDto {
  return structuredClone(DEFAULTS[kind]);
}

/** Sum of the items' maximum points. */
export function rubricMaxPoints(rubric: Pick<RubricDto, 'items'>): number {
  return rubric.items.reduce((sum, item) => sum + item.maxPoints, 0);
}
