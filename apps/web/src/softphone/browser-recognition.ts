// Optional browser speech recognition (Web Speech API). When the browser has it, final
// results are sent to the server as the transcript of the agent's turn; when it does not,
// or it fails (e.g. no network for the vendor's service), the server's ASR is used.
interface RecognitionResultEvent {
  resultIndex: number;
  results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }>;
}

interface RecognitionLike {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}

type RecognitionCtor = new () => RecognitionLike;

export function startBrowserRecognition(locale: string, onFinal: (text: string) => void): () => void {
  const w = window as unknown as {
    SpeechRecognition?: RecognitionCtor;
    webkitSpeechRecognition?: RecognitionCtor;
  };
  const Ctor = w.SpeechRecognition ?? w.webkitSpeechRecognition;
  if (!Ctor) return () => undefined;
  let stopped = false;
  let failures = 0;
  const recognition = new Ctor();
  recognition.lang = locale;
  recognition.continuous = true;
  recognition.interimResults = false;
  recognition.onresult = (event) => {
    for (let i = event.resultIndex; i < event.results.length; i++) {
      const result = event.results[i];
      if (result?.isFinal && result[0].transcript.trim()) onFinal(result[0].transcript.trim());
    }
  };
  recognition.onerror = () => {
    failures++;
  };
  recognition.onend = () => {
    // Chrome ends continuous recognition after a while; restart unless it keeps failing.
    if (!stopped && failures < 3) {
      try {
        recognition.start();
      } catch {
        // already started
      }
    }
  };
  try {
    recognition.start();
  } catch {
    return () => undefined;
  }
  return () => {
    stopped = true;
    try {
      recognition.stop();
    } catch {
      // not running
    }
  };
}
