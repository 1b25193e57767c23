// The browser phone line: a @twilio/voice-sdk Device registered with a short-lived token
// from callsim, renewed before it expires. The SDK is loaded only when a trainee turns
// the line on, so a server without Twilio never ships it to the page. Calls go out to
// callsim's TwiML app with parameters saying which call to answer or which scenario to play.
//
//   off ──enable──► registering ──registered──► ready ──connect──► on-call ──disconnect──► ready
//                        │ error                                                     disable ──► off
//                        ▼
//                      error
import type { Call, Device } from '@twilio/voice-sdk';
import { fetchAccessToken } from './telephony-api.js';

export type LineState = 'off' | 'registering' | 'ready' | 'error';
export type LineCallState = 'idle' | 'connecting' | 'on-call';

export interface LineEvents {
  state(state: LineState, error?: string): void;
  call(state: LineCallState): void;
}

/** What the Voice webhook reads: answer a ringing call, or place a practice call of a scenario. */
export type LineTarget =
  | { callsimCallId: string }
  | { callsimScenarioId: string; callsimMode: 'practice' | 'exam' };

export class TwilioLine {
  private device: Device | null = null;
  private call: Call | null = null;

  constructor(private readonly events: LineEvents) {}

  async enable(): Promise<void> {
    if (this.device) return;
    this.events.state('registering');
    try {
      const [{ Device: DeviceClass, Call: CallClass }, access] = await Promise.all([
        import('@twilio/voice-sdk'),
        fetchAccessToken(),
      ]);
      const device = new DeviceClass(access.token, {
        logLevel: 'error',
        closeProtection: true,
        codecPreferences: [CallClass.Codec.Opus, CallClass.Codec.PCMU],
      });
      device.on('registered', () => this.events.state('ready'));
      device.on('error', (error: { message?: string }) =>
        this.events.state('error', error.message ?? 'error'),
      );
      device.on('tokenWillExpire', () => {
        fetchAccessToken()
          .then((next) => device.updateToken(next.token))
          .catch(() => this.events.state('error', 'token'));
      });
      this.device = device;
      await device.register();
    } catch (error) {
      this.disable();
      this.events.state('error', error instanceof Error ? error.message : String(error));
    }
  }

  disable(): void {
    this.call?.disconnect();
    this.call = null;
    this.device?.destroy();
    this.device = null;
    this.events.call('idle');
    this.events.state('off');
  }

  async connect(target: LineTarget): Promise<void> {
    if (!this.device || this.call) return;
    this.events.call('connecting');
    try {
      const call = await this.device.connect({ params: { ...target } });
      this.call = call;
      call.on('accept', () => this.events.call('on-call'));
      const ended = () => {
        if (this.call === call) this.call = null;
        this.events.call('idle');
      };
      call.on('disconnect', ended);
      call.on('cancel', ended);
      call.on('reject', ended);
      call.on('error', ended);
    } catch {
      this.call = null;
      this.events.call('idle');
    }
  }

  hangUp(): void {
    this.call?.disconnect();
  }

  mute(on: boolean): void {
    this.call?.mute(on);
  }
}
