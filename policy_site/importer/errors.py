"""Why an import stopped: one message in Chinese and English, naming the file and the cure."""

from __future__ import annotations


class ImportFailure(Exception):
    """The source cannot become a draft; nothing has been written."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en

    def format(self) -> str:
        return f"导入失败,没有写入任何文件。\nImport failed; no file was written.\n  错误:{self.zh}\n  Error: {self.en}"
