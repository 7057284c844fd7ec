#pragma once
// Private to core/media: picks, from frames decoded in presentation order, the one nearest each
// wanted time, and converts just those to RGB at the requested size (see decode.h for the
// contract). One instance serves one decodeClip() call.
#include "core/media/decode.h"
#include "core/media/ffmpeg_util.h"

#include <ATen/core/Tensor.h>

#include <optional>
#include <random>
#include <span>
#include <vector>

namespace avt::media::detail {

class VideoSampler {
public:
    // wanted: ascending times in seconds (relative to the input's origin).
    VideoSampler(const Input &input, const AVStream *stream, std::vector<double> wanted, const ClipRequest &request);

    // Offers the next decoded frame (presentation order). Returns an error only for a
    // request that cannot be met (crop larger than the frame) or an allocation failure.
    Status offer(const AVFrame *frame);
    // End of the decoded data: the remaining wanted times take the last frame.
    Status finish();

    bool done() const { return m_next >= m_wanted.size(); }
    // The wanted times not served yet, ascending.
    std::span<const double> openWanted() const
    {
        return std::span<const double>(m_wanted).subspan(std::min(m_next, m_wanted.size()));
    }
    bool sawFrames() const { return m_prevTime.has_value(); }
    double lastTime() const { return m_prevTime.value_or(-1.0); }
    // After the first wanted time has been served, frames are needed only up to the last one.
    double firstWanted() const { return m_wanted.empty() ? 0.0 : m_wanted.front(); }
    double lastWanted() const { return m_wanted.empty() ? 0.0 : m_wanted.back(); }

    // Whether a frame at time t whose neighbours in presentation order are at prev and next
    // (-inf / +inf when unknown) can be the nearest to a wanted time not served yet: one lies
    // between the midpoints (both ends included).
    bool mayBeNearest(double t, double prev, double next) const;

    at::Tensor frames() const { return m_frames; } // [T, H, W, 3] uint8
    const std::vector<double> &frameTimes() const { return m_times; }
    const std::vector<double> &wantedTimes() const { return m_wanted; }

private:
    struct Geometry {
        int srcX = 0, srcY = 0, srcW = 0, srcH = 0; // source rectangle, pixels
        int outW = 0, outH = 0;                     // output size, pixels
    };
    Status plan(const AVFrame *frame);
    Status writeSlot(size_t index); // writes the held frame into slot `index`

    const Input &m_input;
    const AVStream *m_stream;
    std::vector<double> m_wanted;
    ClipRequest m_request;
    double m_cropU = 0.5, m_cropV = 0.5; // crop offset as a fraction of the free room

    size_t m_next = 0; // first wanted index not served yet
    FramePtr m_prev;   // the latest decoded frame, not yet superseded
    std::optional<double> m_prevTime;
    int m_prevSlot = -1; // slot the held frame was last written to, or -1

    Geometry m_geo;
    int m_planW = 0, m_planH = 0, m_planFormat = -1; // source properties the plan is for
    SwsPtr m_sws;
    at::Tensor m_frames;
    std::vector<double> m_times;
};

} // namespace avt::media::detail
