package nlp

// DomainWords returns the petition vocabulary and gazetteer names that the
// segmenter must keep whole.
func DomainWords() []string {
	return []string{"农民工", "征收补偿", "延期交房", "乌兰浩特市"}
}
