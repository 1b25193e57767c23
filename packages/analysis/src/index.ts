// @callsim/analysis — pure voice measures from Float32Array samples: F0 (Boersma autocorrelation),
// Praat-style intensity, sounding/pause segmentation and syllable-nuclei speech rate (de Jong & Wempe).

export {
  ANALYSIS_TIME_STEP_MS,
  type AnalyzeChannelOptions,
  analyzeChannel,
  type ChannelAnalysis,
  type ChannelContours,
  type DetailedChannelAnalysis,
} from './analyze-channel.js';
export { analyzeRecording, type RecordingAnalysis, type RecordingInput } from './analyze-recording.js';
export {
  DEFAULT_INTENSITY_OPTIONS,
  INTENSITY_FLOOR_DB,
  type IntensityOptions,
  type IntensityTrack,
  intensityContour,
} from './intensity/intensity-contour.js';
export { type IntensitySummary, summarizeIntensity } from './intensity/intensity-summary.js';
export { DEFAULT_PITCH_OPTIONS, type PitchOptions } from './pitch/pitch-options.js';
export { type PitchSummary, summarizePitch } from './pitch/pitch-summary.js';
export { type PitchTrack, trackPitch } from './pitch/track-pitch.js';
export {
  DEFAULT_PAUSE_OPTIONS,
  detectPauses,
  type PauseOptions,
  type PauseSummary,
  type Segment,
  summarizeSegments,
} from './segmentation/detect-pauses.js';
export {
  DEFAULT_SYLLABLE_OPTIONS,
  type SyllableInput,
  type SyllableOptions,
  syllableNuclei,
} from './syllables/syllable-nuclei.js';
