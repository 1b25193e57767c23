# Reference measures of one WAV for callsim's analysis tests and benchmark (Praat 6.x).
# Prints one line: duration, pitch median/p10/p90 (Hz, To Pitch 0.01 75 600), intensity mean (energy, dB,
# To Intensity 100 Hz), and the syllable-nuclei count of de Jong & Wempe (2009, script v2).
form Measure
  sentence file
  real silencedb -25
  real mindip 2
  real minpause 0.25
endform

sound = Read from file: file$
duration = Get total duration

# --- Pitch (Boersma autocorrelation, Praat defaults, 75-600 Hz, 10 ms) ---
selectObject: sound
pitch = To Pitch: 0.01, 75, 600
voicedframes = Count voiced frames
f0median = Get quantile: 0, 0, 0.5, "Hertz"
f0p10 = Get quantile: 0, 0, 0.1, "Hertz"
f0p90 = Get quantile: 0, 0, 0.9, "Hertz"

# --- Intensity (100 Hz minimum pitch, mean subtracted) ---
selectObject: sound
intensity = To Intensity: 100, 0.01, "yes"
intensitymean = Get mean: 0, 0, "energy"

# --- Syllable nuclei (de Jong & Wempe 2009) ---
selectObject: sound
intid = To Intensity: 50, 0, "yes"
minint = Get minimum: 0, 0, "Parabolic"
maxint = Get maximum: 0, 0, "Parabolic"
max99int = Get quantile: 0, 0, 0.99
threshold = max99int + silencedb
threshold2 = maxint - max99int
threshold3 = silencedb - threshold2
if threshold < minint
  threshold = minint
endif
textgridid = To TextGrid (silences): threshold3, minpause, 0.1, "silent", "sounding"
selectObject: intid
matid = Down to Matrix
sndintid = To Sound (slice): 1
ppid = To PointProcess (extrema): 1, "yes", "no", "Sinc70"
numpeaks = Get number of points
for i from 1 to numpeaks
  time [i] = Get time from index: i
endfor
selectObject: sndintid
peakcount = 0
for i from 1 to numpeaks
  value = Get value at time: time [i], "Cubic"
  if value > threshold
    peakcount += 1
    int [peakcount] = value
    timepeaks [peakcount] = time [i]
  endif
endfor
validpeakcount = 0
if peakcount > 0
  currenttime = timepeaks [1]
  currentint = int [1]
endif
for p to peakcount - 1
  following = p + 1
  dip = Get minimum: currenttime, timepeaks [following], "None"
  diffint = abs (currentint - dip)
  if diffint > mindip
    validpeakcount += 1
    validtime [validpeakcount] = timepeaks [p]
  endif
  currenttime = timepeaks [following]
  currentint = Get value at time: timepeaks [following], "Nearest"
endfor
selectObject: sound
pitchsyl = To Pitch (ac): 0.02, 30, 4, "no", 0.03, 0.25, 0.01, 0.35, 0.25, 450
syllables = 0
for i from 1 to validpeakcount
  querytime = validtime [i]
  selectObject: textgridid
  whichinterval = Get interval at time: 1, querytime
  whichlabel$ = Get label of interval: 1, whichinterval
  selectObject: pitchsyl
  value = Get value at time: querytime, "Hertz", "Linear"
  if value <> undefined
    if whichlabel$ = "sounding"
      syllables += 1
    endif
  endif
endfor

writeInfoLine: "duration=", fixed$ (duration, 6), " voicedframes=", voicedframes,
... " f0median=", fixed$ (f0median, 4), " f0p10=", fixed$ (f0p10, 4), " f0p90=", fixed$ (f0p90, 4),
... " intensitymean=", fixed$ (intensitymean, 4), " syllables=", syllables
