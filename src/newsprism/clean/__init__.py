"""From a raw document to a clean article: main text, paragraph kinds, boilerplate, metadata.

Plain functions over records and limits; the stages in ``newsprism.stages`` call them and
count the reasons they return.
"""
