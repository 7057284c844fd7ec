#include "widgets/app/mainwindow.h"

#include "model/version.h"

#include <QApplication>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace avt::widgets {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("AVT Workbench"));
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About AVT Workbench"), this, &MainWindow::showAbout);
    auto *label = new QLabel(tr("Open a workspace to begin."), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    statusBar()->showMessage(tr("Ready"));
    resize(1280, 800);
}

bool MainWindow::openWorkspace(const QString &path)
{
    m_workspace = QFileInfo(path).absoluteFilePath();
    setWindowTitle(tr("AVT Workbench - %1").arg(m_workspace));
    return true;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About AVT Workbench"),
                       tr("AVT Workbench %1\nQt %2\nLibTorch %3")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                QString::fromStdString(avt::model::torchVersion())));
}

} // namespace avt::widgets
