#include "widgets/common/spectrogram_data.h"

namespace avt::widgets {

void setSpectrogramData(QCPColorMap *map, const audio::FbankMatrix &fbank, double offsetS)
{
    if (fbank.frames <= 0 || fbank.bins <= 0) {
        map->data()->clear();
        return;
    }
    const int frames = int(fbank.frames);
    const int bins = fbank.bins;
    // Cell centres: frame f at the middle of its hop, bin b at b.
    const double first = offsetS + kFrameHopS / 2;
    const double last = first + (frames - 1) * kFrameHopS;
    auto *data =
        new QCPColorMapData(frames, bins, QCPRange(first, std::max(last, first + kFrameHopS)), QCPRange(0, bins - 1));
    for (int f = 0; f < frames; ++f) {
        const float *row = fbank.row(f);
        for (int b = 0; b < bins; ++b)
            data->setCell(f, b, row[b]);
    }
    map->setData(data, false);
    map->rescaleDataRange(true);
}

} // namespace avt::widgets
