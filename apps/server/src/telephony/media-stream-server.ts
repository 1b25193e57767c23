// Serves Twilio Media Streams on the HTTP server's `upgrade` event at /twilio/media,
// beside socket.io: upgrades for any other path (socket.io's /socket.io/) are left to
// their own listener untouched. A handshake must carry a valid X-Twilio-Signature over
// the stream URL; each accepted socket gets a StreamBridge, whose `start` must then
// present a one-time ticket from a signed webhook for the same call.
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import twilio from 'twilio';
import { WebSocketServer } from 'ws';
import type { AuditEntry } from '../accounts/audit-log.js';
import { StreamBridge, type StreamBridgeDeps } from './stream-bridge.js';
import { mediaStreamUrl, TWILIO_PATHS } from './twilio-settings.js';

export interface MediaStreamServerOptions extends StreamBridgeDeps {
  audit(entry: AuditEntry): void;
}

export class MediaStreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly bridges = new Set<StreamBridge>();
  private server: HttpServer | null = null;

  constructor(private readonly options: MediaStreamServerOptions) {}

  attach(server: HttpServer): void {
    this.server = server;
    server.on('upgrade', this.onUpgrade);
  }

  async close(): Promise<void> {
    this.server?.off('upgrade', this.onUpgrade);
    for (const bridge of this.bridges) bridge.close();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const [path, query] = (req.url ?? '').split('?', 2);
    if (path !== TWILIO_PATHS.media) return;
    if (!this.signed(req, query)) {
      const { logger, audit } = this.options;
      logger.warn({ path, remote: req.socket.remoteAddress }, 'twilio media stream refused');
      audit({
        actorUserId: null,
        action: 'twilio.webhook.refused',
        target: TWILIO_PATHS.media,
        details: { reason: 'bad-signature' },
      });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const bridge = new StreamBridge(ws, this.options);
      this.bridges.add(bridge);
      ws.on('close', () => this.bridges.delete(bridge));
    });
  };

  /** Twilio signs the handshake over the stream URL it was given (wss://…); the https form is accepted too. */
  private signed(req: IncomingMessage, query: string | undefined): boolean {
    const signature = req.headers['x-twilio-signature'];
    if (typeof signature !== 'string' || !signature) return false;
    const { authToken } = this.options.settings;
    const wss = `${mediaStreamUrl(this.options.settings)}${query ? `?${query}` : ''}`;
    return [wss, wss.replace(/^wss:/, 'https:')].some((url) =>
      twilio.validateRequest(authToken, signature, url, {}),
    );
  }
}
