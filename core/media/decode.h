#pragma once
// decodeClip(): model inputs from a time window of a media file: N frames as uint8 RGB and the
// audio of the same window as 16 kHz mono float.
//
//   avt::media::ClipRequest req;          // defaults: 16 frames, short side 224, centre 224 crop
//   req.start = 120.0; req.length = 3.0;  // a 3 s window two minutes into a long video
//   auto clip = avt::media::decodeClip(path, req);
//   if (!clip) return clip.error();
//   at::Tensor frames = clip->frames;     // [T, H, W, 3] uint8, RGB
//   const std::vector<float> &wave = clip->audio; // [samples] at 16 kHz, mono
//
// Frames. With `stride` 0 the window is split into `numFrames` equal segments and the frame
// nearest the centre of each is taken: t_i = start + (i + 0.5) * length / numFrames. With
// `stride` > 0 the times are start, start + stride, ... below start + length (at most
// numFrames of them when numFrames > 0). For every wanted time the frame whose presentation
// timestamp is nearest is returned (ties go to the earlier frame), so a frame can repeat when
// frames are sparser than the request. Seeking is frame-accurate: the decoder seeks to the
// keyframe before the window, decodes forward and drops frames before the window; it stops after
// the last wanted frame, and the decoder skips non-reference frames that no wanted time needs
// (skipUnwantedFrames); with skipping, the decoder is also drained, not fed further, as soon as
// the frame nearest every wanted time has reached it. For MP4 / MOV files whose header gives every stream's codec and
// sizes, the stream-info pass (which decodes the first frames of each stream) is left out. Times are seconds from the
// container's start time. Each frame is resized so its shorter side is `shortSide` pixels (bilinear, aspect kept) and
// cropped to `cropSize` x `cropSize` (centre, or a random offset that is the same for all frames of the clip); both
// steps are one swscale call on the matching source rectangle.
//
// Audio. All channels are averaged to mono (equal weights, 1/channels each) and resampled to
// `audioRate` Hz (libswresample), placed by the decoded timestamps to the nearest output sample
// (within half a sample, 31 us at 16 kHz, of the true position). The result always holds
// round(length * audioRate) samples for the window; where the file has no audio (no audio
// stream, or the stream is shorter than the window) it is zero and `audioPadded` says how many
// samples were filled. A file without an audio stream is not an error: hasAudio is false and
// the audio is silent.
//
// Window. length <= 0 means "to the end of the file". A window reaching past the end is cut to
// the file's duration; a start at or beyond the end is InvalidRequest.
//
// Errors (see media_error.h): Missing, Empty, Corrupt, Unsupported, NoVideo (frames requested
// from an audio-only file), Truncated (the data stop before the window although the header
// promises more), Timeout (the deadline passed in I/O or decoding), InvalidRequest. Damaged
// packets that the decoder skips are counted in decodeErrors, not reported as errors, as long as
// every wanted frame could be produced.
//
// Thread-safety: reentrant; calls share no state (each opens its own demuxer, decoders and
// scalers), so data-loader workers may call it concurrently.
#include "core/util/result.h"

#include <ATen/core/Tensor.h>
#include <QString>

#include <cstdint>
#include <random>
#include <vector>

namespace avt::media {

enum class CropMode { Centre, Random };

// The longest window decodeClip() decodes (3 hours: 690 MB of 16 kHz float audio). The window's
// buffers follow its length, and a file header can claim any duration (a WAV data size of 4 GB,
// a damaged MP4 duration): longer windows are refused with a message instead of allocated.
inline constexpr double kMaxWindowSeconds = 3 * 3600.0;

struct ClipRequest {
    double start = 0.0;  // window start, seconds
    double length = 0.0; // window length, seconds; <= 0: to the end of the file (at most kMaxWindowSeconds)

    bool video = true;   // decode frames
    int numFrames = 16;  // frames sampled uniformly over the window (cap with stride)
    double stride = 0.0; // > 0: one frame every `stride` seconds instead of uniform
    int shortSide = 224; // shorter side after resizing, pixels; 0 keeps the size
    int cropSize = 224;  // square crop, pixels; 0 keeps the resized frame whole
    CropMode cropMode = CropMode::Centre;
    std::uint64_t seed = 0;      // random crop offset from this seed when rng is null
    std::mt19937 *rng = nullptr; // random crop offset from this generator (not owned)

    bool audio = true;     // decode audio
    int audioRate = 16000; // output sample rate, Hz

    // Let the decoder drop non-reference frames (B frames no other frame needs) that cannot be
    // the nearest frame to a wanted time, judged from their neighbours' timestamps (packets are
    // read 16 ahead of the decoder), and stop feeding the decoder once the frame nearest each
    // wanted time has reached it. The frames returned are the same; only less is decoded.
    // false decodes all, up to the first frame after the last wanted time.
    bool skipUnwantedFrames = true;

    double timeoutSeconds = 30.0; // deadline for the whole call (open, seek, decode)
    int threads = 1;              // FFmpeg decoder threads (1 for data-loader workers; 0 = auto)
};

struct DecodedClip {
    at::Tensor frames;               // [T, H, W, 3] uint8 RGB, contiguous; undefined if !video
    std::vector<double> frameTimes;  // [T] presentation time of each returned frame, seconds
    std::vector<double> wantedTimes; // [T] the sampling times asked for, seconds

    std::vector<float> audio; // [round(length * audioRate)] mono float in [-1, 1]
    int audioRate = 0;        // Hz
    bool hasAudio = false;    // false: the file has no audio stream; audio is silence
    qint64 audioPadded = 0;   // samples zero-filled where the stream had no data

    double start = 0.0; // the window actually used (cut to the file), seconds
    double length = 0.0;
    int decodeErrors = 0;  // damaged packets / frames skipped by the decoder
    int decodedFrames = 0; // video frames the decoder returned (what "decode less" saves shows here)
};

Result<DecodedClip> decodeClip(const QString &path, const ClipRequest &request);

} // namespace avt::media
