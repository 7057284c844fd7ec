// ATen before Qt: QtCore defines `slots` as a macro, a name ATen uses.
#include <ATen/ATen.h>

#include "media_fixtures.h"

#include <QProcess>

#include <cmath>
#include <cstdio>

namespace avt::media::test {

bool runFfmpeg(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ffmpeg"),
            QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                        QStringLiteral("-nostdin"), QStringLiteral("-y")}
                + args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "ffmpeg %s failed:\n%s\n", qPrintable(args.join(QLatin1Char(' '))),
                     p.readAll().constData());
        return false;
    }
    return true;
}

QString indexSource(double rate)
{
    // digit(k) = floor(N / 16^k) mod 16, drawn as grey 16 * digit + 8 in quadrant k.
    const QString expr = QStringLiteral("16*if(lt(Y,32),if(lt(X,32),mod(N,16),mod(floor(N/16),16)),"
                                        "if(lt(X,32),mod(floor(N/256),16),mod(floor(N/4096),16)))+8");
    return QStringLiteral("nullsrc=s=64x64:r=%1,format=gray,geq=lum='%2',format=yuv420p").arg(rate).arg(expr);
}

int decodeIndex(const at::Tensor &frame)
{
    if (frame.dim() != 3 || frame.size(0) != 64 || frame.size(1) != 64 || frame.size(2) != 3)
        return -1;
    const at::Tensor f = frame.to(at::kFloat);
    int index = 0;
    for (int q = 0; q < 4; ++q) {
        const int y0 = (q / 2) * 32 + 8, x0 = (q % 2) * 32 + 8;
        const double mean = f.slice(0, y0, y0 + 16).slice(1, x0, x0 + 16).mean().item<double>();
        const double digit = (mean - 8.0) / 16.0;
        if (std::abs(digit - std::round(digit)) > 0.35 || digit < -0.4 || digit > 15.4)
            return -1;
        index += int(std::lround(digit)) << (4 * q);
    }
    return index;
}

double zeroCrossingFrequency(const float *x, size_t n, double rate)
{
    double first = -1.0, last = -1.0;
    int crossings = 0;
    for (size_t i = 1; i < n; ++i) {
        if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
            const double t = (double(i - 1) + x[i - 1] / double(x[i - 1] - x[i])) / rate;
            if (crossings == 0)
                first = t;
            last = t;
            ++crossings;
        }
    }
    return crossings < 2 ? 0.0 : (crossings - 1) / (last - first);
}

} // namespace avt::media::test
