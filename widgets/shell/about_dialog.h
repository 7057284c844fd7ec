#pragma once
// Help > About: the program's version and the versions of the libraries it runs on (Qt,
// LibTorch, FFmpeg, OpenCV, SQLite, QCustomPlot), whether CUDA is available, and the licence.
#include <QDialog>

namespace avt::widgets {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The version table as plain text (also offered for copying into bug reports).
    static QString versionText();
    // The licence paragraph: GPL-3.0-or-later, and why (the libraries linked).
    static QString licenceText();
    // The whole GPL-3 text (LICENSE, compiled into the resources), shown by the Licence… button.
    static QString fullLicence();
};

} // namespace avt::widgets
