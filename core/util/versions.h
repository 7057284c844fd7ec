#pragma once
// Versions of the libraries the workbench runs on, for the About box and bug reports. Lives in
// core because widgets/ link neither FFmpeg, OpenCV nor SQLite directly.
//
//   const avt::util::LibraryVersions v = avt::util::libraryVersions();
//   label->setText(v.ffmpeg);
//
// Every field holds the version of the library loaded at run time where the library can tell
// (Qt, FFmpeg, SQLite), else the version compiled against (LibTorch, OpenCV).
// Thread-safety: reentrant; cudaAvailable asks LibTorch, which may initialise CUDA on first use.
#include <QString>

namespace avt::util {

struct LibraryVersions {
    QString workbench;          // this program, e.g. "0.1.0"
    QString qt;                 // e.g. "6.4.2"
    QString torch;              // LibTorch "major.minor.patch"
    QString ffmpeg;             // FFmpeg release string, e.g. "5.1.4-0+deb12u1"
    QString avformat;           // libavformat "major.minor.micro"
    QString opencv;             // e.g. "4.6.0"
    QString sqlite;             // e.g. "3.40.1"
    bool cudaAvailable = false; // LibTorch built with CUDA and a device visible
};

LibraryVersions libraryVersions();

} // namespace avt::util
