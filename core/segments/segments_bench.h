#pragma once
// Speed of segment detection + segment masking, for `bench data`.
//
// benchmarkSegmentsMsPer10s() builds a deterministic 10.24 s fbank (1024 frames x 128 mel bins
// of noise with a few tones), then times, per clip: SegmentDetector::detect() with the default
// parameters (detector built once, as a data-loader worker would) and
// model::segmentTokenMask() at 4 % onto AST's 12 x 101 token grid. Returns the median over
// `repeats` runs, in milliseconds per clip. Runs on the calling thread; takes about
// repeats x 0.1 ms.
namespace avt::segments {

double benchmarkSegmentsMsPer10s(int repeats = 200);

} // namespace avt::segments
