#pragma once
// Shows one picture scaled to fit, aspect kept, sharp on HiDPI screens (the image is drawn at
// device pixels, not upscaled from a logical-size pixmap). GUI thread only.
#include <QImage>
#include <QWidget>

namespace avt::widgets {

class FrameView : public QWidget {
    Q_OBJECT
public:
    explicit FrameView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    // Text shown instead of a picture ("Loading…", an error).
    void setMessage(const QString &message);
    const QImage &image() const { return m_image; }

    QSize sizeHint() const override { return {320, 240}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_message;
};

} // namespace avt::widgets
