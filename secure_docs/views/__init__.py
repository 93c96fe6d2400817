"""HTTP for secure documents. Every workspace URL answers 404 to non-members
(investigations.access.member_view), and every view or download is logged. One
module per topic; urls.py names them."""
