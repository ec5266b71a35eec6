"""The map's list fallback: the features of the chosen layers in view, as one paged list
(works with JavaScript off). Pages are cut without loading every layer's features: each
layer is counted, and only the slice of the page is read."""

from itertools import islice

from satupintu.geo.layers import Layer


class FeatureList:
    """A sequence (for `Paginator`) over several layers' features, in layer order."""

    def __init__(self, layers: list[Layer], bbox, region: str):
        self.layers = layers
        self.bbox = bbox
        self.region = region
        self._counts = None

    def counts(self) -> list[tuple[Layer, int]]:
        if self._counts is None:
            self._counts = [(layer, layer.count(self.bbox, self.region)) for layer in self.layers]
        return self._counts

    def __len__(self) -> int:
        return sum(n for _layer, n in self.counts())

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        items = []
        offset = 0
        for layer, n in self.counts():
            if stop <= offset:
                break
            if start < offset + n:
                first = max(start - offset, 0)
                last = min(stop - offset, n)
                for feature in islice(layer.features(self.bbox, self.region), first, last):
                    items.append((layer, feature))
            offset += n
        return items
