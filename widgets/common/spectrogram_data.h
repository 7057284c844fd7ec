#pragma once
// Fills a QCPColorMap with a [frames, bins] log-mel matrix: x = seconds, y = mel bin index,
// colour = value. Frame f is drawn over [f * hop, (f + 1) * hop): the frame index axis of the
// segment detector (frame f starts at f * 10 ms), so boundaries at frame b sit at b * hop.
#include "core/audio/fbank.h"

#include <qcustomplot.h>

namespace avt::widgets {

// Frame hop of the Kaldi fbank the model uses, seconds.
inline constexpr double kFrameHopS = 0.010;

// Sets the map's data (keys in seconds from offsetS) and rescales its colour range to the data.
void setSpectrogramData(QCPColorMap *map, const audio::FbankMatrix &fbank, double offsetS = 0.0);

} // namespace avt::widgets
