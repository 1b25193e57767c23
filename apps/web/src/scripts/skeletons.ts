// Starting text for a new call-script file: a small valid scenario (with the standard
// template of its locale and direction) or template, in the language of the calls it
// describes (not of the UI), so a teacher can save at once and then grow it.

export type SkeletonLocale = 'zh-CN' | 'en-US';
export type SkeletonFolder = 'inbound' | 'outbound' | 'templates';

const TEMPLATE_FOR = {
  'zh-CN': { inbound: 'inbound-standard', outbound: 'outbound-followup' },
  'en-US': { inbound: 'en-inbound-standard', outbound: 'en-outbound-standard' },
} as const;

/** The YAML a new file at `folder/…/<id>.yaml` starts with. */
export function skeletonFor(folder: SkeletonFolder, locale: SkeletonLocale, id: string): string {
  if (folder === 'templates') return locale === 'zh-CN' ? zhTemplate(id) : enTemplate(id);
  const template = TEMPLATE_FOR[locale][folder];
  return locale === 'zh-CN' ? zhScenario(id, folder, template) : enScenario(id, folder, template);
}

const zhScenario = (
  id: string,
  direction: 'inbound' | 'outbound',
  template: string,
) => `# 新场景：在这里写下练习目标。
formatVersion: 1
id: ${id}
locale: zh-CN
direction: ${direction}
category: ${direction === 'inbound' ? 'inquiry' : 'followup'}
title: 新场景
summary: 一句话说明这通电话的来龙去脉。
difficulty: 1
skills: [${direction === 'inbound' ? 'pre-sales' : 'after-sales'}]
company: { name: 现代生活网上超市 }

customer:
  name: 李女士
  persona: calm
  voice: { gender: female }
  facts:
    orderId: "20260101-0001"

agent:
  template: ${template}
  steps:
    - id: answer-question
      label: 解答客户问题
      phase: body
      required: true
      examples: ["我帮您查一下，订单今天下午发货"]
      match: { any: ["帮您查", "发货", "为您处理"] }

dialogue:
  start: opening
  turns:
    opening:
      say: 你好，我想问一下订单{customer.facts.orderId}什么时候发货？
      next:
        - when: { step: answer-question }
          goto: thanks
        - goto: again
    again:
      say: 那到底什么时候能发呢？
      next:
        - when: { step: answer-question }
          goto: thanks
        - goto: bye
    thanks:
      say: 好的，谢谢你，再见。
      end: true
    bye:
      say: 算了，我再问问别人吧。
      end: true
`;

const enScenario = (
  id: string,
  direction: 'inbound' | 'outbound',
  template: string,
) => `# New scenario: describe what the trainee practises here.
formatVersion: 1
id: ${id}
locale: en-US
direction: ${direction}
category: ${direction === 'inbound' ? 'inquiry' : 'followup'}
title: New scenario
summary: One sentence on why this call happens.
difficulty: 1
skills: [${direction === 'inbound' ? 'pre-sales' : 'after-sales'}]
company: { name: Modern Living Online Market }

customer:
  name: Ms. Lee
  persona: calm
  voice: { gender: female }
  facts:
    orderId: "ML-10001"

agent:
  template: ${template}
  steps:
    - id: answer-question
      label: Answer the question
      phase: body
      required: true
      examples: ["Let me check that for you, it ships this afternoon"]
      match: { any: ["let me check", "ships", "take care of"] }

dialogue:
  start: opening
  turns:
    opening:
      say: Hi, when will my order {customer.facts.orderId} ship?
      next:
        - when: { step: answer-question }
          goto: thanks
        - goto: again
    again:
      say: So when does it ship?
      next:
        - when: { step: answer-question }
          goto: thanks
        - goto: bye
    thanks:
      say: Great, thank you. Bye.
      end: true
    bye:
      say: Never mind, I'll ask someone else.
      end: true
`;

const zhTemplate = (id: string) => `# 新话术模板：场景用 agent.template: ${id} 继承这里的步骤和禁语。
formatVersion: 1
id: ${id}
locale: zh-CN
direction: inbound
title: 新话术模板
company: { name: 现代生活网上超市 }
steps:
  - id: greeting
    label: 标准开头语
    phase: opening
    required: true
    weight: 10
    withinMs: 15000
    examples: ["您好，{company.name}，工号{agent.id}，很高兴为您服务"]
    match: { all: [["您好", "你好"], ["很高兴为您服务", "有什么可以帮您"]] }
  - id: farewell
    label: 标准结束语
    phase: closing
    required: true
    match: { any: ["感谢您的来电", "祝您生活愉快", "再见"] }
forbidden:
  - { phrase: 不知道, severity: major }
`;

const enTemplate = (id: string) => `# New template: scenarios inherit its steps with agent.template: ${id}
formatVersion: 1
id: ${id}
locale: en-US
direction: inbound
title: New agent script
company: { name: Modern Living Online Market }
steps:
  - id: greeting
    label: Standard greeting
    phase: opening
    required: true
    weight: 10
    withinMs: 15000
    examples: ["Thank you for calling {company.name}, how can I help you today?"]
    match: { all: [["thank you for calling", "thanks for calling"], ["how can i help", "how may i help"]] }
  - id: farewell
    label: Standard closing
    phase: closing
    required: true
    match: { any: ["thank you for calling", "have a great day", "goodbye"] }
forbidden:
  - { phrase: "I don't know", severity: major }
`;
