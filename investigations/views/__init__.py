"""HTTP for investigations: each view reads through a selector or writes through a
service. Every workspace URL answers 404 to anyone who is not a current member
(investigations.access.member_view). One module per topic; urls.py names them."""
