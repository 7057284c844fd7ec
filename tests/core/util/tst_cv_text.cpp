// Text lines on exported images (Grad-CAM strips, segment and reconstruction PNGs) stay inside
// the image: long titles shrink, then lose their middle, never their start or end.
#include "core/util/cv_text.h"

#include <opencv2/core.hpp>

#include <QTest>

namespace {

// Rightmost column with any ink, -1 if none.
int rightmostInk(const cv::Mat &img)
{
    for (int x = img.cols - 1; x >= 0; --x)
        for (int y = 0; y < img.rows; ++y)
            if (img.at<cv::Vec3b>(y, x) != cv::Vec3b(0, 0, 0))
                return x;
    return -1;
}

} // namespace

class TestCvText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shortLineKeepsItsScale()
    {
        cv::Mat img(40, 400, CV_8UC3, cv::Scalar(0, 0, 0));
        const double s = avt::drawTextLine(img, QStringLiteral("input"), {10, 25}, 0.5, cv::Scalar(255, 255, 255));
        QCOMPARE(s, 0.5);
        const int ink = rightmostInk(img);
        QVERIFY(ink > 10 && ink < 10 + avt::textLineWidth(QStringLiteral("input"), 0.5) + 2);
    }

    void slightlyLongLineShrinks()
    {
        const QString text = QStringLiteral("clip_0001.mp4, run p25-avc-avm-masegmv: segment mask");
        const int full = avt::textLineWidth(text, 0.45);
        cv::Mat img(40, int(full * 0.85) + 20, CV_8UC3, cv::Scalar(0, 0, 0));
        const double s = avt::drawTextLine(img, text, {10, 25}, 0.45, cv::Scalar(255, 255, 255));
        QVERIFY(s < 0.45 && s >= 0.45 * 0.7);
        QVERIFY(rightmostInk(img) < img.cols - 4);
    }

    void veryLongLineLosesItsMiddleNotItsEnds()
    {
        QString text = QStringLiteral("START-");
        for (int i = 0; i < 40; ++i)
            text += QStringLiteral("middle%1 ").arg(i);
        text += QStringLiteral("-END");
        cv::Mat img(40, 300, CV_8UC3, cv::Scalar(0, 0, 0));
        avt::drawTextLine(img, text, {10, 25}, 0.45, cv::Scalar(255, 255, 255));
        const int ink = rightmostInk(img);
        QVERIFY2(ink < img.cols - 4 && ink > img.cols / 2, qPrintable(QString::number(ink)));
        const avt::FittedLine f = avt::fitTextLine(text, 0.45, 300 - 14);
        QVERIFY(f.text.startsWith(QStringLiteral("START-middle0")) && f.text.endsWith(QStringLiteral("middle39 -END")));
        QVERIFY(f.text.contains(QStringLiteral("...")) && f.text.size() < text.size());
        QCOMPARE(f.scale, 0.45 * 0.7);
        QVERIFY(avt::textLineWidth(f.text, f.scale) <= 286);
    }
};

QTEST_GUILESS_MAIN(TestCvText)
#include "tst_cv_text.moc"
