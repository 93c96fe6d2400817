"""An entry's own video or audio file, sent with the tus resumable-upload protocol
(https://tus.io/protocols/resumable-upload, version 1.0.0: core, creation and
termination): where its bytes go (storage.py), what they must be (sniff.py), and
the protocol's HTTP side (views.py). The writes are awards.services.media_uploads."""
