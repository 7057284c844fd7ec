#pragma once
// Private to core/media: places decoded audio, averaged to mono and resampled, into a
// fixed-length buffer covering the request window [start, start + length) (see decode.h).
// One instance serves one decodeClip() call.
#include "core/media/ffmpeg_util.h"

#include <limits>
#include <vector>

namespace avt::media::detail {

class AudioWindow {
public:
    AudioWindow(const Input &input, const AVStream *stream, double start, double length, int rate);

    // Offers the next decoded audio frame (decode order = time order).
    Status offer(const AVFrame *frame);
    // End of the decoded data: drains the resampler.
    Status finish();
    // Forgets everything decoded so far (before decoding the window again after a new seek).
    void restart();

    // The window is filled up to its end.
    bool done() const { return m_hi >= qint64(m_out.size()); }
    // Times covered with decoded samples, seconds; first = +inf when nothing was placed.
    double firstTime() const;
    double coveredEnd() const;
    qint64 padded() const { return qint64(m_out.size()) - (m_hi - m_lo); }
    std::vector<float> take() { return std::move(m_out); }

private:
    Status setup(const AVFrame *frame);
    void place(const float *samples, int count);

    const Input &m_input;
    const AVStream *m_stream;
    double m_start;
    int m_rate;
    std::vector<float> m_out;  // [round(length * rate)] the window, zero where not covered
    qint64 m_lo = 0, m_hi = 0; // covered output range [m_lo, m_hi)

    SwrPtr m_swr;
    int m_inRate = 0, m_inFormat = -1, m_inChannels = 0;
    double m_anchor = 0.0; // time of the first input sample fed to m_swr, seconds
    qint64 m_fed = 0;      // input samples fed since the anchor
    qint64 m_produced = 0; // output samples produced since the anchor
    std::vector<float> m_scratch;
};

} // namespace avt::media::detail
