// What agents say around a hold, per locale, matched with the call-script matcher's
// `saysAny` (normalization, pinyin/stem fuzziness and negation as for script steps).
// A check passes when every group of its list has a phrase in the same agent turn.
import type { Locale } from '@callsim/call-script';

/** Alternatives of phrase groups: one alternative must have a phrase of every group. */
export type PhraseAlternatives = readonly (readonly (readonly string[])[])[];

/** The phrases of each hold check. */
export interface HoldPhrases {
  /** Asking before the hold (请您稍等…可以吗 / may I put you on hold). */
  readonly permission: PhraseAlternatives;
  /** Saying how long the hold will be (两分钟 / two minutes). */
  readonly duration: PhraseAlternatives;
  /** Thanking on return (感谢您的耐心等待 / thank you for holding). */
  readonly thanks: PhraseAlternatives;
}

/** Hold phrases per locale. */
export const HOLD_PHRASES: Record<Locale, HoldPhrases> = {
  'zh-CN': {
    permission: [
      [['请您稍等', '麻烦您稍等', '您稍等', '请稍等', '稍等一下', '稍候', '耽误您']],
      [
        ['等一下', '等一会', '稍等', '查一下', '查询一下', '确认一下'],
        ['可以吗', '好吗', '方便吗', '行吗', '好不好'],
      ],
    ],
    duration: [[['分钟', '秒', '几秒']]],
    thanks: [
      [
        [
          '感谢您的耐心等待',
          '感谢您的等待',
          '谢谢您的耐心等待',
          '谢谢您的等待',
          '让您久等了',
          '久等了',
          '谢谢您的耐心',
          '感谢您的耐心',
        ],
      ],
    ],
  },
  'en-US': {
    permission: [
      [
        [
          'may i put you on hold',
          'can i put you on hold',
          'could i put you on hold',
          'may i place you on hold',
          'can i place you on hold',
          'is it okay if i put you on hold',
          'mind if i put you on hold',
          'do you mind holding',
          'would you mind holding',
          'can you hold',
          'could you hold',
          'are you able to hold',
        ],
      ],
    ],
    duration: [[['minute', 'minutes', 'second', 'seconds']]],
    thanks: [
      [
        ['thank you', 'thanks', 'appreciate'],
        ['for holding', 'for waiting', 'your patience', 'for being patient'],
      ],
      [['sorry to keep you waiting', 'sorry for the wait', 'sorry about the wait']],
    ],
  },
};
