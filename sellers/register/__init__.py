"""The province's OCOP register: rated producers imported from the official lists, matched to sellers.

``sheet`` reads a published list into rows, ``communes`` places pre-merger addresses in today's
communes, ``imports`` previews and applies a sheet (all rows or none), ``matching`` ranks the
sellers a subject may be, ``services`` writes (matches, claims, notes, certificates from the
register) and ``selectors`` reads (for the indicators and the outreach worklist).
"""
