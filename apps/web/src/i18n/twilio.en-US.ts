// English strings of the optional Twilio phone line (merged into en-US.ts).
import type { twilioZhCN } from './twilio.zh-CN.js';

export const twilioEnUS: Record<keyof typeof twilioZhCN, string> = {
  'twilio.title': 'Phone line (Twilio)',
  'twilio.phoneIn.title': 'Practice from any phone',
  'twilio.phoneIn.help':
    'Call {number} and key in your practice code to take the selected scenario on the phone. The recording and score go to your account.',
  'twilio.phoneIn.getCode': 'Get a practice code',
  'twilio.phoneIn.code': 'Practice code',
  'twilio.phoneIn.expires': 'Valid until {time}, once',
  'twilio.phoneIn.pickScenario': 'Pick a scenario under “Practice a scenario” first.',
  'twilio.line.title': 'Browser phone line',
  'twilio.line.help': 'When on, calls travel over the Twilio phone network, like a real call.',
  'twilio.line.switch': 'Use the phone line',
  'twilio.line.state.off': 'Off',
  'twilio.line.state.registering': 'Registering…',
  'twilio.line.state.ready': 'Ready',
  'twilio.line.state.error': 'Error',
  'twilio.line.error': 'Phone line error: {reason}',
  'twilio.line.answer': 'Answer on the phone line',
  'twilio.line.place': 'Call the selected scenario over the phone line',
  'twilio.line.connecting': 'Connecting…',
  'twilio.line.onCall': 'On a phone-line call',
  'twilio.line.hangup': 'Hang up',
  'twilio.line.mute': 'Mute',
  'twilio.line.unmute': 'Unmute',
};
