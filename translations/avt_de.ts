<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>%1: no workspace here</source>
        <translation>%1: hier ist kein Arbeitsbereich</translation>
    </message>
</context>
<context>
    <name>avt::widgets::AboutDialog</name>
    <message>
        <source>AVT Workbench</source>
        <translation>AVT Workbench</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>available</source>
        <translation>verfügbar</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>FFmpeg</source>
        <translation>FFmpeg</translation>
    </message>
    <message>
        <source>%1 (libavformat %2)</source>
        <translation>%1 (libavformat %2)</translation>
    </message>
    <message>
        <source>OpenCV</source>
        <translation>OpenCV</translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>QCustomPlot</source>
        <translation>QCustomPlot</translation>
    </message>
    <message>
        <source>About AVT Workbench</source>
        <translation>Über AVT Workbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AVT Workbench&lt;/h3&gt;&lt;p&gt;A research workbench for audio-visual transformers: datasets, audio activity segments, training runs and their results.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AVT Workbench&lt;/h3&gt;&lt;p&gt;Eine Forschungsumgebung für audiovisuelle Transformer: Datensätze, Audio-Aktivitätssegmente, Trainingsläufe und ihre Ergebnisse.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later (see the LICENSE file); it links QCustomPlot (GPL-3), Qt and FFmpeg (LGPL), LibTorch (BSD) and OpenCV (Apache-2.0). It comes with absolutely no warranty.</source>
        <translation>Freie Software unter der GNU General Public License, Version 3 oder später (siehe die Datei LICENSE); sie bindet QCustomPlot (GPL-3), Qt und FFmpeg (LGPL), LibTorch (BSD) und OpenCV (Apache-2.0) ein. Sie kommt ohne jede Gewährleistung.</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>Versionen &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Licence…</source>
        <translation>&amp;Lizenz …</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
</context>
<context>
    <name>avt::widgets::Background</name>
    <message>
        <source>A background task failed</source>
        <translation>Eine Hintergrundaufgabe ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>an unknown error</source>
        <translation>ein unbekannter Fehler</translation>
    </message>
</context>
<context>
    <name>avt::widgets::BatchJob</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>%1 crashed</source>
        <translation>%1 ist abgestürzt</translation>
    </message>
    <message>
        <source>%1 exited with status %2</source>
        <translation>%1 endete mit Status %2</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamRow</name>
    <message>
        <source>No map</source>
        <translation>Keine Karte</translation>
    </message>
    <message>
        <source> · predicted &lt;b&gt;%1&lt;/b&gt; (%2%)</source>
        <translation> · Vorhersage &lt;b&gt;%1&lt;/b&gt; (%2%)</translation>
    </message>
    <message>
        <source> · map of %1 (%2 head, logit %3)</source>
        <translation> · Karte für %1 (Kopf %2, Logit %3)</translation>
    </message>
    <message>
        <source> · pointing %1 (map in box %2%, box %3% of frame)</source>
        <translation> · Pointing %1 (Karte in der Box %2%, Box %3% des Frames)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top 5&lt;/b&gt;</source>
        <translation>&lt;b&gt;Top 5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;truth: %1&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;wahre Klasse: %1&lt;/i&gt;</translation>
    </message>
    <message>
        <source>layer %1 gets no gradient from this score: the video map is empty</source>
        <translation>Schicht %1 erhält von diesem Score keinen Gradienten: die Videokarte ist leer</translation>
    </message>
    <message>
        <source>layer %1 gets no gradient from this score: the audio map is empty</source>
        <translation>Schicht %1 erhält von diesem Score keinen Gradienten: die Audiokarte ist leer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Difference&lt;/b&gt; %1 − %2 · red: %1 looks more, blue: %2 looks more</source>
        <translation>&lt;b&gt;Differenz&lt;/b&gt; %1 − %2 · rot: %1 schaut stärker hin, blau: %2 schaut stärker hin</translation>
    </message>
    <message>
        <source>No video in this model</source>
        <translation>Dieses Modell hat kein Video</translation>
    </message>
    <message>
        <source>The maps differ in size</source>
        <translation>Die Karten sind unterschiedlich groß</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamViewer</name>
    <message>
        <source>One colour scale for all runs</source>
        <translation>Eine Farbskala für alle Läufe</translation>
    </message>
    <message>
        <source>Show the difference of the first two runs</source>
        <translation>Differenz der ersten beiden Läufe zeigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Map grid</source>
        <translation>Kartenraster</translation>
    </message>
    <message>
        <source>Default layers</source>
        <translation>Standardschichten</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Grad-CAM++</source>
        <translation>Grad-CAM++</translation>
    </message>
    <message>
        <source>per time slice</source>
        <translation>pro Zeitscheibe</translation>
    </message>
    <message>
        <source>per clip</source>
        <translation>pro Clip</translation>
    </message>
    <message>
        <source>main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>the prediction</source>
        <translation>die Vorhersage</translation>
    </message>
    <message>
        <source>the ground truth</source>
        <translation>die wahre Klasse</translation>
    </message>
    <message>
        <source>the k-th best class</source>
        <translation>die k-beste Klasse</translation>
    </message>
    <message>
        <source>the class picked below</source>
        <translation>die unten gewählte Klasse</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Scores of the first run&apos;s main head; pick a class to explain it</source>
        <translation>Scores des Hauptkopfs des ersten Laufs; wählen Sie eine Klasse, um sie zu erklären</translation>
    </message>
    <message>
        <source>Off: each map is divided by its own maximum. On: maps keep their size relative to the largest map shown (before normalising), so a weaker map looks weaker.</source>
        <translation>Aus: Jede Karte wird durch ihr eigenes Maximum geteilt. An: Die Karten behalten ihre Größe relativ zur größten angezeigten Karte (vor dem Normieren), sodass eine schwächere Karte schwächer aussieht.</translation>
    </message>
    <message>
        <source>Runs (up to four)</source>
        <translation>Läufe (bis zu vier)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>&amp;Weighting:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>&amp;Kopf:</translation>
    </message>
    <message>
        <source>Explain:</source>
        <translation>Erklären:</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Farben:</translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation>&amp;Deckkraft:</translation>
    </message>
    <message>
        <source>Export View…</source>
        <translation>Ansicht exportieren …</translation>
    </message>
    <message>
        <source>Export Files…</source>
        <translation>Dateien exportieren …</translation>
    </message>
    <message>
        <source>What is on screen as PNG or PDF</source>
        <translation>Das Angezeigte als PNG oder PDF</translation>
    </message>
    <message>
        <source>Overlays, strip, MP4, maps as .npy and JSON, as the gradcam verb writes them</source>
        <translation>Overlays, Filmstreifen, MP4, Karten als .npy und JSON, wie sie das Verb gradcam schreibt</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play the frames (Space)</source>
        <translation>Frames abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Previous frame (Left)</source>
        <translation>Vorheriger Frame (Pfeil links)</translation>
    </message>
    <message>
        <source>Next frame (Right)</source>
        <translation>Nächster Frame (Pfeil rechts)</translation>
    </message>
    <message>
        <source>Cannot list the runs: %1</source>
        <translation>Läufe können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>%1, status %2, dataset %3</source>
        <translation>%1, Status %2, Datensatz %3</translation>
    </message>
    <message>
        <source>no checkpoint</source>
        <translation>kein Checkpoint</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet (status %2)</source>
        <translation>%1 hat noch keinen Checkpoint (Status %2)</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet: nothing to explain</source>
        <translation>%1 hat noch keinen Checkpoint: nichts zu erklären</translation>
    </message>
    <message>
        <source>At most four runs side by side</source>
        <translation>Höchstens vier Läufe nebeneinander</translation>
    </message>
    <message>
        <source>frame %1 / %2 · %3 s</source>
        <translation>Frame %1 / %2 · %3 s</translation>
    </message>
    <message>
        <source>Pick a clip in the dataset browser</source>
        <translation>Wählen Sie einen Clip im Datensatz-Browser</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>Warten …</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>%1 and %2 have maps of different sizes: no difference to show</source>
        <translation>Die Karten von %1 und %2 sind unterschiedlich groß: keine Differenz darstellbar</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (Standard)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Video&lt;/b&gt; %1%2</source>
        <translation>&lt;b&gt;Video&lt;/b&gt; %1%2</translation>
    </message>
    <message>
        <source> — default: %1</source>
        <translation> — Standard: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Audio&lt;/b&gt; %1%2</source>
        <translation>&lt;b&gt;Audio&lt;/b&gt; %1%2</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Double-click a layer to use it.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Doppelklicken Sie auf eine Schicht, um sie zu verwenden.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>main (verb)</source>
        <translation>Haupt (Verb)</translation>
    </message>
    <message>
        <source>Open a workspace with trained runs</source>
        <translation>Öffnen Sie einen Arbeitsbereich mit trainierten Läufen</translation>
    </message>
    <message>
        <source>This workspace has no runs yet: train one (avt-workbench --batch train) to explain it</source>
        <translation>Dieser Arbeitsbereich hat noch keine Läufe: Trainieren Sie einen (avt-workbench --batch train), um ihn zu erklären</translation>
    </message>
    <message>
        <source>Tick one to four runs</source>
        <translation>Markieren Sie ein bis vier Läufe</translation>
    </message>
    <message>
        <source>Computing maps of %1 runs on %2…</source>
        <translation>Karten von %1 Läufen für %2 werden berechnet …</translation>
    </message>
    <message>
        <source>%1: %2 runs shown (%3 from the cache, %4 computed in %5 s)</source>
        <translation>%1: %2 Läufe angezeigt (%3 aus dem Cache, %4 in %5 s berechnet)</translation>
    </message>
    <message>
        <source>; %1</source>
        <translation>; %1</translation>
    </message>
    <message>
        <source>Grad-CAM maps</source>
        <translation>Grad-CAM-Karten</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF</source>
        <translation>%1: PDF kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1: nothing written</source>
        <translation>%1: nichts geschrieben</translation>
    </message>
    <message>
        <source>%1: cannot write the PNG</source>
        <translation>%1: PNG kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>Noch nichts zu exportieren</translation>
    </message>
    <message>
        <source>Exporting Grad-CAM files</source>
        <translation>Grad-CAM-Dateien werden exportiert</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Nach %1 exportiert</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Export Grad-CAM View</source>
        <translation>Grad-CAM-Ansicht exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export Grad-CAM Files To</source>
        <translation>Grad-CAM-Dateien exportieren nach</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClassHistogram</name>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipPreview</name>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Abspielen / Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Mel bin</source>
        <translation>Mel-Band</translation>
    </message>
    <message>
        <source>Select a clip</source>
        <translation>Wählen Sie einen Clip</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>Cannot preview this clip:
%1</source>
        <translation>Vorschau dieses Clips nicht möglich:
%1</translation>
    </message>
    <message>
        <source>No video in this clip</source>
        <translation>Dieser Clip enthält kein Video</translation>
    </message>
    <message>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 s</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>Vorschaubild</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Teilmenge</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Audio rate</source>
        <translation>Abtastrate</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ColourMaps</name>
    <message>
        <source>Thermal</source>
        <translation>Thermisch</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Graustufen</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>Glut</translation>
    </message>
    <message>
        <source>Cold</source>
        <translation>Kalt</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Nacht</translation>
    </message>
    <message>
        <source>Ion</source>
        <translation>Ion</translation>
    </message>
    <message>
        <source>Jet</source>
        <translation>Jet</translation>
    </message>
    <message>
        <source>Polar</source>
        <translation>Polar</translation>
    </message>
</context>
<context>
    <name>avt::widgets::DatasetBrowser</name>
    <message>
        <source>&amp;Dataset:</source>
        <translation>&amp;Datensatz:</translation>
    </message>
    <message>
        <source>Reading datasets</source>
        <translation>Datensätze werden gelesen</translation>
    </message>
    <message>
        <source>No datasets yet: File &gt; Import Dataset…</source>
        <translation>Noch keine Datensätze: Datei &gt; Datensatz importieren …</translation>
    </message>
    <message>
        <source>Loading clips of %1</source>
        <translation>Clips von %1 werden geladen</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n Clip</numerusform>
            <numerusform>%n Clips</numerusform>
        </translation>
    </message>
    <message>
        <source>Grad-CAM…</source>
        <translation>Grad-CAM …</translation>
    </message>
    <message>
        <source>Open the current clip in the Grad-CAM viewer</source>
        <translation>Aktuellen Clip im Grad-CAM-Viewer öffnen</translation>
    </message>
    <message>
        <source>Open in &amp;Grad-CAM Viewer</source>
        <translation>Im &amp;Grad-CAM-Viewer öffnen</translation>
    </message>
    <message>
        <source>Prepare Clip &amp;Cache…</source>
        <translation>Clip-&amp;Cache vorbereiten…</translation>
    </message>
    <message>
        <source>Prepare clip cache…</source>
        <translation>Clip-Cache vorbereiten…</translation>
    </message>
    <message>
        <source>Decode the shown dataset&apos;s clips once into a cache that training reads</source>
        <translation>Die Clips des angezeigten Datensatzes einmal in einen Cache dekodieren, den das Training liest</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1: %2</source>
        <translation>Clip-Cache von %1 wird vorbereitet: %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the current clip; a later run continues where this one stopped</source>
        <translation>Nach dem aktuellen Clip anhalten; ein späterer Lauf macht dort weiter</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1</source>
        <translation>Clip-Cache von %1 wird vorbereitet</translation>
    </message>
    <message>
        <source>Stopping after the current clip…</source>
        <translation>Halte nach dem aktuellen Clip an…</translation>
    </message>
    <message>
        <source>Clip cache of %1 ready: %2</source>
        <translation>Clip-Cache von %1 fertig: %2</translation>
    </message>
    <message>
        <source>Clip cache of %1 stopped; Prepare again to continue where it stopped</source>
        <translation>Clip-Cache von %1 angehalten; erneut vorbereiten, um dort weiterzumachen</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1 failed: %2</source>
        <translation>Vorbereiten des Clip-Caches von %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::DetectorForm</name>
    <message>
        <source>Max. segments</source>
        <translation>Max. Segmente</translation>
    </message>
    <message>
        <source>Smoothing window</source>
        <translation>Glättungsfenster</translation>
    </message>
    <message>
        <source>Smoothing order</source>
        <translation>Glättungsordnung</translation>
    </message>
    <message>
        <source>Activity window</source>
        <translation>Aktivitätsfenster</translation>
    </message>
    <message>
        <source>Activity order</source>
        <translation>Aktivitätsordnung</translation>
    </message>
    <message>
        <source>Peak radius</source>
        <translation>Spitzenradius</translation>
    </message>
    <message>
        <source>Min. segment frames</source>
        <translation>Min. Segmentlänge (Frames)</translation>
    </message>
    <message>
        <source>Min. activity</source>
        <translation>Min. Aktivität</translation>
    </message>
    <message>
        <source>Relative threshold</source>
        <translation>Relative Schwelle</translation>
    </message>
    <message>
        <source>%1 (%2 … %3)</source>
        <translation>%1 (%2 … %3)</translation>
    </message>
    <message>
        <source>Seed of the random choice of masked segments</source>
        <translation>Startwert der Zufallsauswahl maskierter Segmente</translation>
    </message>
    <message>
        <source>Share of the segments that are masked (the paper uses 4 %)</source>
        <translation>Anteil der maskierten Segmente (im Paper 4 %)</translation>
    </message>
    <message>
        <source>Mask seed</source>
        <translation>Masken-Startwert</translation>
    </message>
    <message>
        <source>Mask probability</source>
        <translation>Maskierungswahrscheinlichkeit</translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation>&amp;Standardwerte</translation>
    </message>
</context>
<context>
    <name>avt::widgets::FilterPanel</name>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Label:</translation>
    </message>
    <message>
        <source>S&amp;plit:</source>
        <translation>&amp;Teilmenge:</translation>
    </message>
    <message>
        <source>P&amp;roblem:</source>
        <translation>P&amp;roblem:</translation>
    </message>
    <message>
        <source>Search paths…</source>
        <translation>Pfade durchsuchen …</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>&amp;Suche:</translation>
    </message>
    <message>
        <source>no problems</source>
        <translation>keine Probleme</translation>
    </message>
    <message>
        <source>All (%1)</source>
        <translation>Alle (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ImportDialog</name>
    <message>
        <source>Import Dataset</source>
        <translation>Datensatz importieren</translation>
    </message>
    <message>
        <source>&amp;Annotation file:</source>
        <translation>&amp;Annotationsdatei:</translation>
    </message>
    <message>
        <source>CSV (path, label, split)</source>
        <translation>CSV (Pfad, Label, Teilmenge)</translation>
    </message>
    <message>
        <source>VGGSound</source>
        <translation>VGGSound</translation>
    </message>
    <message>
        <source>Kinetics-Sounds</source>
        <translation>Kinetics-Sounds</translation>
    </message>
    <message>
        <source>EPIC-KITCHENS-100</source>
        <translation>EPIC-KITCHENS-100</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Dataset &amp;name:</source>
        <translation>&amp;Name des Datensatzes:</translation>
    </message>
    <message>
        <source>the annotation file&apos;s folder</source>
        <translation>Ordner der Annotationsdatei</translation>
    </message>
    <message>
        <source>&amp;Media folder:</source>
        <translation>&amp;Medienordner:</translation>
    </message>
    <message>
        <source>the dataset&apos;s usual file names</source>
        <translation>die üblichen Dateinamen des Datensatzes</translation>
    </message>
    <message>
        <source>Placeholders: {id}, {start}, {end}, {start:06d}, {end:06d}; EPIC: {participant}, {video}</source>
        <translation>Platzhalter: {id}, {start}, {end}, {start:06d}, {end:06d}; EPIC: {participant}, {video}</translation>
    </message>
    <message>
        <source>File name &amp;pattern:</source>
        <translation>Datei&amp;namensmuster:</translation>
    </message>
    <message>
        <source>&amp;Class list:</source>
        <translation>&amp;Klassenliste:</translation>
    </message>
    <message>
        <source>Kinetics-Sounds: a file with one class name per line</source>
        <translation>Kinetics-Sounds: eine Datei mit einem Klassennamen pro Zeile</translation>
    </message>
    <message>
        <source>from the file name</source>
        <translation>aus dem Dateinamen</translation>
    </message>
    <message>
        <source>&amp;Split:</source>
        <translation>&amp;Teilmenge:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Mi&amp;nimum duration:</source>
        <translation>Mi&amp;ndestdauer:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Annotation files (*.csv *.txt);;All files (*)</source>
        <translation>Annotationsdateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ImportTask</name>
    <message>
        <source>
Rows skipped:
</source>
        <translation>
Übersprungene Zeilen:
</translation>
    </message>
    <message>
        <source>  line %1: %2
</source>
        <translation>  Zeile %1: %2
</translation>
    </message>
</context>
<context>
    <name>avt::widgets::MainWindow</name>
    <message>
        <source>AVT Workbench</source>
        <translation>AVT Workbench</translation>
    </message>
    <message>
        <source>No workspace open: File &gt; New Workspace or Open Workspace, or drop a folder here.</source>
        <translation>Kein Arbeitsbereich geöffnet: Datei &gt; Neuer Arbeitsbereich oder Arbeitsbereich öffnen, oder einen Ordner hierher ziehen.</translation>
    </message>
    <message>
        <source>Dataset Browser</source>
        <translation>Datensatz-Browser</translation>
    </message>
    <message>
        <source>Segment Inspector</source>
        <translation>Segment-Inspektor</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich …</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import Dataset…</source>
        <translation>Datensatz &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Export Segment View…</source>
        <translation>Segmentansicht &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>&amp;Layout zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes when the workbench is started again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start der Workbench.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About AVT Workbench</source>
        <translation>Über &amp;AVT Workbench</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>%1 - AVT Workbench</source>
        <translation>%1 – AVT Workbench</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>New workspace: choose or create an empty folder</source>
        <translation>Neuer Arbeitsbereich: einen leeren Ordner wählen oder anlegen</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>%1 holds no workspace yet. Create one there?</source>
        <translation>%1 enthält noch keinen Arbeitsbereich. Dort einen anlegen?</translation>
    </message>
    <message>
        <source>Import Dataset</source>
        <translation>Datensatz importieren</translation>
    </message>
    <message>
        <source>Open or create a workspace first.</source>
        <translation>Öffnen oder erstellen Sie zuerst einen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Es ist kein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>Es läuft bereits ein Import.</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 wird importiert</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Imported %1: %2 clips, %3 usable, %4 rows skipped.</source>
        <translation>%1 importiert: %2 Clips, %3 verwendbar, %4 Zeilen übersprungen.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>Some clips or rows have problems; see the details.</source>
        <translation>Einige Clips oder Zeilen haben Probleme; siehe Details.</translation>
    </message>
    <message>
        <source>Grad-CAM Viewer</source>
        <translation>Grad-CAM-Viewer</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <source>Explain with &amp;Grad-CAM</source>
        <translation>Mit &amp;Grad-CAM erklären</translation>
    </message>
    <message>
        <source>No runs in this workspace</source>
        <translation>Keine Läufe in diesem Arbeitsbereich</translation>
    </message>
    <message>
        <source>The language changes when the running import has finished: pick it again then.</source>
        <translation>Die Sprache wechselt, wenn der laufende Import beendet ist: Wählen Sie sie dann erneut.</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PrepareDialog</name>
    <message>
        <source>&amp;Rebuild from scratch</source>
        <translation>&amp;Von Grund auf neu erstellen</translation>
    </message>
    <message>
        <source>Prepare Clip Cache</source>
        <translation>Clip-Cache vorbereiten</translation>
    </message>
    <message>
        <source>The model preset whose input sizes the clips are decoded for</source>
        <translation>Das Modell-Preset, für dessen Eingabegrößen die Clips dekodiert werden</translation>
    </message>
    <message>
        <source>Forget what the cache holds and write every entry again</source>
        <translation>Den Cache-Inhalt verwerfen und jeden Eintrag neu schreiben</translation>
    </message>
    <message>
        <source>Decode the clips of &lt;b&gt;%1&lt;/b&gt; once into a cache that training reads instead of decoding every epoch. A stopped run can be continued later.</source>
        <translation>Die Clips von &lt;b&gt;%1&lt;/b&gt; einmal in einen Cache dekodieren, den das Training liest, statt in jeder Epoche zu dekodieren. Ein angehaltener Lauf kann später fortgesetzt werden.</translation>
    </message>
    <message>
        <source>&amp;Model preset:</source>
        <translation>&amp;Modell-Preset:</translation>
    </message>
    <message>
        <source>&amp;Prepare</source>
        <translation>&amp;Vorbereiten</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SegmentInspector</name>
    <message>
        <source>AudioSet statistics</source>
        <translation>AudioSet-Statistik</translation>
    </message>
    <message>
        <source>ESC-50 statistics</source>
        <translation>ESC-50-Statistik</translation>
    </message>
    <message>
        <source>Speech Commands statistics</source>
        <translation>Speech-Commands-Statistik</translation>
    </message>
    <message>
        <source>Clip length</source>
        <translation>Cliplänge</translation>
    </message>
    <message>
        <source>Preset length (padded / cut)</source>
        <translation>Länge der Vorgabe (aufgefüllt / gekürzt)</translation>
    </message>
    <message>
        <source>1024 frames (10.24 s)</source>
        <translation>1024 Frames (10,24 s)</translation>
    </message>
    <message>
        <source>512 frames (5.12 s)</source>
        <translation>512 Frames (5,12 s)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>Save the view as PNG or PDF</source>
        <translation>Ansicht als PNG oder PDF speichern</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Eingabe:</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Farben:</translation>
    </message>
    <message>
        <source>Select a clip in the dataset browser, or drop a media file on the window.</source>
        <translation>Wählen Sie einen Clip im Datensatz-Browser oder ziehen Sie eine Mediendatei auf das Fenster.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>Cannot load the audio: %1</source>
        <translation>Audio kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 frames (%2 from the clip), %3 segments, %4 masked (%5 of %6 audio tokens).</source>
        <translation>%1 Frames (%2 aus dem Clip), %3 Segmente, %4 maskiert (%5 von %6 Audio-Tokens).</translation>
    </message>
    <message>
        <source>Export segment view</source>
        <translation>Segmentansicht exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SegmentPlot</name>
    <message>
        <source>Normalised log-mel</source>
        <translation>Normierte Log-Mel-Werte</translation>
    </message>
    <message>
        <source>Mel bin</source>
        <translation>Mel-Band</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>avt::widgets::TaskStatus</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 (+%2 more)</source>
        <translation>%1 (+%2 weitere)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::Translations</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
</TS>
