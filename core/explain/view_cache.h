#pragma once
// One Grad-CAM view cache entry on disk (see cam_view.h for where entries live and how their key
// is made): a folder with view.json (every field of the ViewResult but the arrays, with a format
// version) and the arrays as .npy files: frames.npy (uint8 [T, S, S, 3]), fbank.npy,
// cam_video.npy, cam_audio.npy, grid_video.npy, grid_audio.npy (float32; empty arrays are not
// written).
//
//   if (auto st = writeViewCacheDir(dir, result); !st) ...   // atomically: a temporary folder renamed
//   auto v = readViewCacheDir(dir);                           // error "missing" or "corrupt"
//
// Reentrant.
#include "core/explain/cam_view.h"

namespace avt::gradcam {

constexpr int kViewCacheVersion = 1; // view.json's "version"; another value reads as corrupt

// The entry in dir; "missing" without view.json, "corrupt" for an unreadable view.json, another
// version, an array that does not parse, frames that do not match the recorded count and size,
// or an entry without any map. Sets fromCache and cacheDir.
Result<ViewResult> readViewCacheDir(const QString &dir);
// Writes the arrays, then view.json, into a temporary folder next to dir and renames it to dir
// (replacing an older entry). Nothing is left behind on failure.
Status writeViewCacheDir(const QString &dir, const ViewResult &v);

} // namespace avt::gradcam
